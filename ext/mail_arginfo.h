/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: ac7cb2f8450ea69c5534d6a80935cdca54273b4c */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_MimeScanner_scan, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, document, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, forceMime, _IS_BOOL, 0, "false")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, maxDepth, IS_LONG, 0, "100")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, maxParts, IS_LONG, 0, "10000")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_MimeScanner_split, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, body, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, boundary, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_MimeScanner_toLf, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, text, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Horde_ActiveSync_Native_MailText_crlf arginfo_class_Horde_ActiveSync_Native_MimeScanner_toLf

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_MailText_truncateUtf8, 0, 2, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, text, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, chars, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_MailText_isUtf8, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, text, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_MailText_toUtf8, 0, 2, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO(0, text, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, charset, IS_STRING, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(Horde_ActiveSync_Native_MimeScanner, scan);
ZEND_METHOD(Horde_ActiveSync_Native_MimeScanner, split);
ZEND_METHOD(Horde_ActiveSync_Native_MimeScanner, toLf);
ZEND_METHOD(Horde_ActiveSync_Native_MailText, crlf);
ZEND_METHOD(Horde_ActiveSync_Native_MailText, truncateUtf8);
ZEND_METHOD(Horde_ActiveSync_Native_MailText, isUtf8);
ZEND_METHOD(Horde_ActiveSync_Native_MailText, toUtf8);


static const zend_function_entry class_Horde_ActiveSync_Native_MimeScanner_methods[] = {
	ZEND_ME(Horde_ActiveSync_Native_MimeScanner, scan, arginfo_class_Horde_ActiveSync_Native_MimeScanner_scan, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_MimeScanner, split, arginfo_class_Horde_ActiveSync_Native_MimeScanner_split, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_MimeScanner, toLf, arginfo_class_Horde_ActiveSync_Native_MimeScanner_toLf, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};


static const zend_function_entry class_Horde_ActiveSync_Native_MailText_methods[] = {
	ZEND_ME(Horde_ActiveSync_Native_MailText, crlf, arginfo_class_Horde_ActiveSync_Native_MailText_crlf, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_MailText, truncateUtf8, arginfo_class_Horde_ActiveSync_Native_MailText_truncateUtf8, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_MailText, isUtf8, arginfo_class_Horde_ActiveSync_Native_MailText_isUtf8, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_MailText, toUtf8, arginfo_class_Horde_ActiveSync_Native_MailText_toUtf8, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Horde_ActiveSync_Native_MimeScanner(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Horde\\ActiveSync\\Native", "MimeScanner", class_Horde_ActiveSync_Native_MimeScanner_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}

static zend_class_entry *register_class_Horde_ActiveSync_Native_MailText(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Horde\\ActiveSync\\Native", "MailText", class_Horde_ActiveSync_Native_MailText_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}
