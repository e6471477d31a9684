/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 96290dd818483f35b98dc0a8cf5a4a3607f223f8 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_KqlException_getReason, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_KqlException_getOffset, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Horde_ActiveSync_Native_KqlException_getCharOffset arginfo_class_Horde_ActiveSync_Native_KqlException_getOffset

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Horde_ActiveSync_Native_KqlQuery___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Horde_ActiveSync_Native_KqlQuery_parse, 0, 1, Horde\\ActiveSync\\\116ative\\KqlQuery, 0)
	ZEND_ARG_TYPE_INFO(0, query, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_KqlQuery_imapPlan, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, query, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_Horde_ActiveSync_Native_KqlQuery_getQuery arginfo_class_Horde_ActiveSync_Native_KqlException_getReason

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_KqlQuery_toArray, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Horde_ActiveSync_Native_KqlQuery_toImapPlan arginfo_class_Horde_ActiveSync_Native_KqlQuery_toArray

#define arginfo_class_Horde_ActiveSync_Native_KqlQuery_toImapString arginfo_class_Horde_ActiveSync_Native_KqlException_getReason

#define arginfo_class_Horde_ActiveSync_Native_KqlQuery___toString arginfo_class_Horde_ActiveSync_Native_KqlException_getReason


ZEND_METHOD(Horde_ActiveSync_Native_KqlException, getReason);
ZEND_METHOD(Horde_ActiveSync_Native_KqlException, getOffset);
ZEND_METHOD(Horde_ActiveSync_Native_KqlException, getCharOffset);
ZEND_METHOD(Horde_ActiveSync_Native_KqlQuery, __construct);
ZEND_METHOD(Horde_ActiveSync_Native_KqlQuery, parse);
ZEND_METHOD(Horde_ActiveSync_Native_KqlQuery, imapPlan);
ZEND_METHOD(Horde_ActiveSync_Native_KqlQuery, getQuery);
ZEND_METHOD(Horde_ActiveSync_Native_KqlQuery, toArray);
ZEND_METHOD(Horde_ActiveSync_Native_KqlQuery, toImapPlan);
ZEND_METHOD(Horde_ActiveSync_Native_KqlQuery, toImapString);
ZEND_METHOD(Horde_ActiveSync_Native_KqlQuery, __toString);


static const zend_function_entry class_Horde_ActiveSync_Native_KqlException_methods[] = {
	ZEND_ME(Horde_ActiveSync_Native_KqlException, getReason, arginfo_class_Horde_ActiveSync_Native_KqlException_getReason, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_KqlException, getOffset, arginfo_class_Horde_ActiveSync_Native_KqlException_getOffset, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_KqlException, getCharOffset, arginfo_class_Horde_ActiveSync_Native_KqlException_getCharOffset, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Horde_ActiveSync_Native_KqlQuery_methods[] = {
	ZEND_ME(Horde_ActiveSync_Native_KqlQuery, __construct, arginfo_class_Horde_ActiveSync_Native_KqlQuery___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Horde_ActiveSync_Native_KqlQuery, parse, arginfo_class_Horde_ActiveSync_Native_KqlQuery_parse, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_KqlQuery, imapPlan, arginfo_class_Horde_ActiveSync_Native_KqlQuery_imapPlan, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_KqlQuery, getQuery, arginfo_class_Horde_ActiveSync_Native_KqlQuery_getQuery, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_KqlQuery, toArray, arginfo_class_Horde_ActiveSync_Native_KqlQuery_toArray, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_KqlQuery, toImapPlan, arginfo_class_Horde_ActiveSync_Native_KqlQuery_toImapPlan, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_KqlQuery, toImapString, arginfo_class_Horde_ActiveSync_Native_KqlQuery_toImapString, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_KqlQuery, __toString, arginfo_class_Horde_ActiveSync_Native_KqlQuery___toString, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Horde_ActiveSync_Native_KqlException(zend_class_entry *class_entry_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Horde\\ActiveSync\\Native", "KqlException", class_Horde_ActiveSync_Native_KqlException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	zval const_EMPTY_value;
	ZVAL_LONG(&const_EMPTY_value, KQL_E_EMPTY);
	zend_string *const_EMPTY_name = zend_string_init_interned("EMPTY", sizeof("EMPTY") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_EMPTY_name, &const_EMPTY_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_EMPTY_name);

	zval const_TOO_LONG_value;
	ZVAL_LONG(&const_TOO_LONG_value, KQL_E_TOO_LONG);
	zend_string *const_TOO_LONG_name = zend_string_init_interned("TOO_LONG", sizeof("TOO_LONG") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_TOO_LONG_name, &const_TOO_LONG_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_TOO_LONG_name);

	zval const_TOO_DEEP_value;
	ZVAL_LONG(&const_TOO_DEEP_value, KQL_E_TOO_DEEP);
	zend_string *const_TOO_DEEP_name = zend_string_init_interned("TOO_DEEP", sizeof("TOO_DEEP") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_TOO_DEEP_name, &const_TOO_DEEP_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_TOO_DEEP_name);

	zval const_TOO_COMPLEX_value;
	ZVAL_LONG(&const_TOO_COMPLEX_value, KQL_E_TOO_COMPLEX);
	zend_string *const_TOO_COMPLEX_name = zend_string_init_interned("TOO_COMPLEX", sizeof("TOO_COMPLEX") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_TOO_COMPLEX_name, &const_TOO_COMPLEX_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_TOO_COMPLEX_name);

	zval const_ENCODING_value;
	ZVAL_LONG(&const_ENCODING_value, KQL_E_ENCODING);
	zend_string *const_ENCODING_name = zend_string_init_interned("ENCODING", sizeof("ENCODING") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_ENCODING_name, &const_ENCODING_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_ENCODING_name);

	zval const_CONTROL_CHARACTER_value;
	ZVAL_LONG(&const_CONTROL_CHARACTER_value, KQL_E_CONTROL);
	zend_string *const_CONTROL_CHARACTER_name = zend_string_init_interned("CONTROL_CHARACTER", sizeof("CONTROL_CHARACTER") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_CONTROL_CHARACTER_name, &const_CONTROL_CHARACTER_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_CONTROL_CHARACTER_name);

	zval const_UNTERMINATED_PHRASE_value;
	ZVAL_LONG(&const_UNTERMINATED_PHRASE_value, KQL_E_UNTERMINATED_PHRASE);
	zend_string *const_UNTERMINATED_PHRASE_name = zend_string_init_interned("UNTERMINATED_PHRASE", sizeof("UNTERMINATED_PHRASE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_UNTERMINATED_PHRASE_name, &const_UNTERMINATED_PHRASE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_UNTERMINATED_PHRASE_name);

	zval const_UNCLOSED_PARENTHESIS_value;
	ZVAL_LONG(&const_UNCLOSED_PARENTHESIS_value, KQL_E_UNCLOSED_PAREN);
	zend_string *const_UNCLOSED_PARENTHESIS_name = zend_string_init_interned("UNCLOSED_PARENTHESIS", sizeof("UNCLOSED_PARENTHESIS") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_UNCLOSED_PARENTHESIS_name, &const_UNCLOSED_PARENTHESIS_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_UNCLOSED_PARENTHESIS_name);

	zval const_UNMATCHED_PARENTHESIS_value;
	ZVAL_LONG(&const_UNMATCHED_PARENTHESIS_value, KQL_E_UNMATCHED_PAREN);
	zend_string *const_UNMATCHED_PARENTHESIS_name = zend_string_init_interned("UNMATCHED_PARENTHESIS", sizeof("UNMATCHED_PARENTHESIS") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_UNMATCHED_PARENTHESIS_name, &const_UNMATCHED_PARENTHESIS_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_UNMATCHED_PARENTHESIS_name);

	zval const_EMPTY_GROUP_value;
	ZVAL_LONG(&const_EMPTY_GROUP_value, KQL_E_EMPTY_GROUP);
	zend_string *const_EMPTY_GROUP_name = zend_string_init_interned("EMPTY_GROUP", sizeof("EMPTY_GROUP") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_EMPTY_GROUP_name, &const_EMPTY_GROUP_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_EMPTY_GROUP_name);

	zval const_MISSING_OPERAND_value;
	ZVAL_LONG(&const_MISSING_OPERAND_value, KQL_E_MISSING_OPERAND);
	zend_string *const_MISSING_OPERAND_name = zend_string_init_interned("MISSING_OPERAND", sizeof("MISSING_OPERAND") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_MISSING_OPERAND_name, &const_MISSING_OPERAND_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_MISSING_OPERAND_name);

	zval const_UNKNOWN_PROPERTY_value;
	ZVAL_LONG(&const_UNKNOWN_PROPERTY_value, KQL_E_UNKNOWN_PROPERTY);
	zend_string *const_UNKNOWN_PROPERTY_name = zend_string_init_interned("UNKNOWN_PROPERTY", sizeof("UNKNOWN_PROPERTY") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_UNKNOWN_PROPERTY_name, &const_UNKNOWN_PROPERTY_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_UNKNOWN_PROPERTY_name);

	zval const_MISSING_VALUE_value;
	ZVAL_LONG(&const_MISSING_VALUE_value, KQL_E_MISSING_VALUE);
	zend_string *const_MISSING_VALUE_name = zend_string_init_interned("MISSING_VALUE", sizeof("MISSING_VALUE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_MISSING_VALUE_name, &const_MISSING_VALUE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_MISSING_VALUE_name);

	zval const_EMPTY_VALUE_value;
	ZVAL_LONG(&const_EMPTY_VALUE_value, KQL_E_EMPTY_VALUE);
	zend_string *const_EMPTY_VALUE_name = zend_string_init_interned("EMPTY_VALUE", sizeof("EMPTY_VALUE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_EMPTY_VALUE_name, &const_EMPTY_VALUE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_EMPTY_VALUE_name);

	zval const_BAD_VALUE_value;
	ZVAL_LONG(&const_BAD_VALUE_value, KQL_E_BAD_VALUE);
	zend_string *const_BAD_VALUE_name = zend_string_init_interned("BAD_VALUE", sizeof("BAD_VALUE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_BAD_VALUE_name, &const_BAD_VALUE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_BAD_VALUE_name);

	zval const_BAD_OPERATOR_value;
	ZVAL_LONG(&const_BAD_OPERATOR_value, KQL_E_BAD_OPERATOR);
	zend_string *const_BAD_OPERATOR_name = zend_string_init_interned("BAD_OPERATOR", sizeof("BAD_OPERATOR") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_BAD_OPERATOR_name, &const_BAD_OPERATOR_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_BAD_OPERATOR_name);

	zval const_BAD_RANGE_value;
	ZVAL_LONG(&const_BAD_RANGE_value, KQL_E_BAD_RANGE);
	zend_string *const_BAD_RANGE_name = zend_string_init_interned("BAD_RANGE", sizeof("BAD_RANGE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_BAD_RANGE_name, &const_BAD_RANGE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_BAD_RANGE_name);

	zval const_NESTED_PROPERTY_value;
	ZVAL_LONG(&const_NESTED_PROPERTY_value, KQL_E_NESTED_PROPERTY);
	zend_string *const_NESTED_PROPERTY_name = zend_string_init_interned("NESTED_PROPERTY", sizeof("NESTED_PROPERTY") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_NESTED_PROPERTY_name, &const_NESTED_PROPERTY_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_NESTED_PROPERTY_name);

	zval const_LONE_WILDCARD_value;
	ZVAL_LONG(&const_LONE_WILDCARD_value, KQL_E_LONE_WILDCARD);
	zend_string *const_LONE_WILDCARD_name = zend_string_init_interned("LONE_WILDCARD", sizeof("LONE_WILDCARD") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_LONE_WILDCARD_name, &const_LONE_WILDCARD_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_LONE_WILDCARD_name);

	zval property_reason_default_value;
	ZVAL_EMPTY_STRING(&property_reason_default_value);
	zend_string *property_reason_name = zend_string_init("reason", sizeof("reason") - 1, 1);
	zend_declare_typed_property(class_entry, property_reason_name, &property_reason_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_reason_name);

	zval property_offset_default_value;
	ZVAL_LONG(&property_offset_default_value, 0);
	zend_string *property_offset_name = zend_string_init("offset", sizeof("offset") - 1, 1);
	zend_declare_typed_property(class_entry, property_offset_name, &property_offset_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_offset_name);

	zval property_charOffset_default_value;
	ZVAL_LONG(&property_charOffset_default_value, 0);
	zend_string *property_charOffset_name = zend_string_init("charOffset", sizeof("charOffset") - 1, 1);
	zend_declare_typed_property(class_entry, property_charOffset_name, &property_charOffset_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_charOffset_name);

	return class_entry;
}

static zend_class_entry *register_class_Horde_ActiveSync_Native_KqlQuery(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Horde\\ActiveSync\\Native", "KqlQuery", class_Horde_ActiveSync_Native_KqlQuery_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NOT_SERIALIZABLE;

	zval const_DEFAULT_MAX_LENGTH_value;
	ZVAL_LONG(&const_DEFAULT_MAX_LENGTH_value, KQL_DEFAULT_MAX_LENGTH);
	zend_string *const_DEFAULT_MAX_LENGTH_name = zend_string_init_interned("DEFAULT_MAX_LENGTH", sizeof("DEFAULT_MAX_LENGTH") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_DEFAULT_MAX_LENGTH_name, &const_DEFAULT_MAX_LENGTH_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_DEFAULT_MAX_LENGTH_name);

	zval const_DEFAULT_MAX_DEPTH_value;
	ZVAL_LONG(&const_DEFAULT_MAX_DEPTH_value, KQL_DEFAULT_MAX_DEPTH);
	zend_string *const_DEFAULT_MAX_DEPTH_name = zend_string_init_interned("DEFAULT_MAX_DEPTH", sizeof("DEFAULT_MAX_DEPTH") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_DEFAULT_MAX_DEPTH_name, &const_DEFAULT_MAX_DEPTH_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_DEFAULT_MAX_DEPTH_name);

	zval const_DEFAULT_MAX_NODES_value;
	ZVAL_LONG(&const_DEFAULT_MAX_NODES_value, KQL_DEFAULT_MAX_NODES);
	zend_string *const_DEFAULT_MAX_NODES_name = zend_string_init_interned("DEFAULT_MAX_NODES", sizeof("DEFAULT_MAX_NODES") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_DEFAULT_MAX_NODES_name, &const_DEFAULT_MAX_NODES_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_DEFAULT_MAX_NODES_name);

	return class_entry;
}
