/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 29ed47f9794895f8601080b34860cc3e78ca490c */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_MessageCodec_encode, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, message, IS_OBJECT, 0)
	ZEND_ARG_TYPE_INFO(0, encoder, IS_OBJECT, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_MessageCodec_decode, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, message, IS_OBJECT, 0)
	ZEND_ARG_TYPE_INFO(0, decoder, IS_OBJECT, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_MessageCodec_assign, 0, 2, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO(0, message, IS_OBJECT, 0)
	ZEND_ARG_TYPE_INFO(0, values, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_MessageCodec_formatDate, 0, 2, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, date, IS_OBJECT, 0)
	ZEND_ARG_TYPE_INFO(0, type, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_MessageCodec_timezoneOffsets, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, blob, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(1, problem, IS_MIXED, 0, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_MessageCodec_timezoneBlob, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, offsets, IS_ARRAY, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(Horde_ActiveSync_Native_MessageCodec, encode);
ZEND_METHOD(Horde_ActiveSync_Native_MessageCodec, decode);
ZEND_METHOD(Horde_ActiveSync_Native_MessageCodec, assign);
ZEND_METHOD(Horde_ActiveSync_Native_MessageCodec, formatDate);
ZEND_METHOD(Horde_ActiveSync_Native_MessageCodec, timezoneOffsets);
ZEND_METHOD(Horde_ActiveSync_Native_MessageCodec, timezoneBlob);


static const zend_function_entry class_Horde_ActiveSync_Native_MessageCodec_methods[] = {
	ZEND_ME(Horde_ActiveSync_Native_MessageCodec, encode, arginfo_class_Horde_ActiveSync_Native_MessageCodec_encode, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_MessageCodec, decode, arginfo_class_Horde_ActiveSync_Native_MessageCodec_decode, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_MessageCodec, assign, arginfo_class_Horde_ActiveSync_Native_MessageCodec_assign, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_MessageCodec, formatDate, arginfo_class_Horde_ActiveSync_Native_MessageCodec_formatDate, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_MessageCodec, timezoneOffsets, arginfo_class_Horde_ActiveSync_Native_MessageCodec_timezoneOffsets, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_MessageCodec, timezoneBlob, arginfo_class_Horde_ActiveSync_Native_MessageCodec_timezoneBlob, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Horde_ActiveSync_Native_MessageCodec(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Horde\\ActiveSync\\Native", "MessageCodec", class_Horde_ActiveSync_Native_MessageCodec_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}
