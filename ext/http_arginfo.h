/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 2d0a143ea0f4b01ed08b1dedb1a37504e0b46b36 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_Query_parse, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, query, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_Query_form, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, query, IS_STRING, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(Horde_ActiveSync_Native_Query, parse);
ZEND_METHOD(Horde_ActiveSync_Native_Query, form);


static const zend_function_entry class_Horde_ActiveSync_Native_Query_methods[] = {
	ZEND_ME(Horde_ActiveSync_Native_Query, parse, arginfo_class_Horde_ActiveSync_Native_Query_parse, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_Query, form, arginfo_class_Horde_ActiveSync_Native_Query_form, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Horde_ActiveSync_Native_Query(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Horde\\ActiveSync\\Native", "Query", class_Horde_ActiveSync_Native_Query_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	zval const_MAX_LENGTH_value;
	ZVAL_LONG(&const_MAX_LENGTH_value, EAS_QUERY_MAX_INPUT);
	zend_string *const_MAX_LENGTH_name = zend_string_init_interned("MAX_LENGTH", sizeof("MAX_LENGTH") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_MAX_LENGTH_name, &const_MAX_LENGTH_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_MAX_LENGTH_name);

	return class_entry;
}
