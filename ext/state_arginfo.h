/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 68c24cd5780fd70ea2e9293d2f716aab2193cc82 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_SyncKey_generate, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_SyncKey_parse, 0, 1, IS_ARRAY, 1)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_SyncKey_isValid, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_SyncKey_next, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_SyncKey_relate, 0, 2, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, presented, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, latest, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_StateCodec_pack, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, value, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, kind, IS_LONG, 0, "0")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_StateCodec_unpack, 0, 1, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, data, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, allowedClassPrefixes, IS_ARRAY, 0, "[\"Horde_ActiveSync_\"]")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(1, kind, IS_LONG, 1, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_Horde_ActiveSync_Native_StateCodec_packText arginfo_class_Horde_ActiveSync_Native_StateCodec_pack

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_StateCodec_isNative, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, data, IS_STRING, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(Horde_ActiveSync_Native_SyncKey, generate);
ZEND_METHOD(Horde_ActiveSync_Native_SyncKey, parse);
ZEND_METHOD(Horde_ActiveSync_Native_SyncKey, isValid);
ZEND_METHOD(Horde_ActiveSync_Native_SyncKey, next);
ZEND_METHOD(Horde_ActiveSync_Native_SyncKey, relate);
ZEND_METHOD(Horde_ActiveSync_Native_StateCodec, pack);
ZEND_METHOD(Horde_ActiveSync_Native_StateCodec, unpack);
ZEND_METHOD(Horde_ActiveSync_Native_StateCodec, packText);
ZEND_METHOD(Horde_ActiveSync_Native_StateCodec, isNative);


static const zend_function_entry class_Horde_ActiveSync_Native_SyncKey_methods[] = {
	ZEND_ME(Horde_ActiveSync_Native_SyncKey, generate, arginfo_class_Horde_ActiveSync_Native_SyncKey_generate, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_SyncKey, parse, arginfo_class_Horde_ActiveSync_Native_SyncKey_parse, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_SyncKey, isValid, arginfo_class_Horde_ActiveSync_Native_SyncKey_isValid, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_SyncKey, next, arginfo_class_Horde_ActiveSync_Native_SyncKey_next, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_SyncKey, relate, arginfo_class_Horde_ActiveSync_Native_SyncKey_relate, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};


static const zend_function_entry class_Horde_ActiveSync_Native_StateCodec_methods[] = {
	ZEND_ME(Horde_ActiveSync_Native_StateCodec, pack, arginfo_class_Horde_ActiveSync_Native_StateCodec_pack, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_StateCodec, unpack, arginfo_class_Horde_ActiveSync_Native_StateCodec_unpack, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_StateCodec, packText, arginfo_class_Horde_ActiveSync_Native_StateCodec_packText, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_StateCodec, isNative, arginfo_class_Horde_ActiveSync_Native_StateCodec_isNative, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Horde_ActiveSync_Native_SyncKey(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Horde\\ActiveSync\\Native", "SyncKey", class_Horde_ActiveSync_Native_SyncKey_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	zval const_CURRENT_value;
	ZVAL_LONG(&const_CURRENT_value, EAS_SYNCKEY_CURRENT);
	zend_string *const_CURRENT_name = zend_string_init_interned("CURRENT", sizeof("CURRENT") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_CURRENT_name, &const_CURRENT_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_CURRENT_name);

	zval const_PREVIOUS_value;
	ZVAL_LONG(&const_PREVIOUS_value, EAS_SYNCKEY_PREVIOUS);
	zend_string *const_PREVIOUS_name = zend_string_init_interned("PREVIOUS", sizeof("PREVIOUS") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_PREVIOUS_name, &const_PREVIOUS_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_PREVIOUS_name);

	zval const_STALE_value;
	ZVAL_LONG(&const_STALE_value, EAS_SYNCKEY_STALE);
	zend_string *const_STALE_name = zend_string_init_interned("STALE", sizeof("STALE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_STALE_name, &const_STALE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_STALE_name);

	zval const_FOREIGN_value;
	ZVAL_LONG(&const_FOREIGN_value, EAS_SYNCKEY_FOREIGN);
	zend_string *const_FOREIGN_name = zend_string_init_interned("FOREIGN", sizeof("FOREIGN") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_FOREIGN_name, &const_FOREIGN_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_FOREIGN_name);

	zval const_MAX_LENGTH_value;
	ZVAL_LONG(&const_MAX_LENGTH_value, EAS_SYNCKEY_MAX);
	zend_string *const_MAX_LENGTH_name = zend_string_init_interned("MAX_LENGTH", sizeof("MAX_LENGTH") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_MAX_LENGTH_name, &const_MAX_LENGTH_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_MAX_LENGTH_name);

	return class_entry;
}

static zend_class_entry *register_class_Horde_ActiveSync_Native_StateCodec(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Horde\\ActiveSync\\Native", "StateCodec", class_Horde_ActiveSync_Native_StateCodec_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	zval const_VERSION_value;
	ZVAL_LONG(&const_VERSION_value, EAS_PACK_VERSION);
	zend_string *const_VERSION_name = zend_string_init_interned("VERSION", sizeof("VERSION") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_VERSION_name, &const_VERSION_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_VERSION_name);

	zval const_TEXT_PREFIX_value;
	zend_string *const_TEXT_PREFIX_value_str = zend_string_init("EAS1:", strlen("EAS1:"), 1);
	ZVAL_STR(&const_TEXT_PREFIX_value, const_TEXT_PREFIX_value_str);
	zend_string *const_TEXT_PREFIX_name = zend_string_init_interned("TEXT_PREFIX", sizeof("TEXT_PREFIX") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_TEXT_PREFIX_name, &const_TEXT_PREFIX_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_TEXT_PREFIX_name);

	return class_entry;
}
