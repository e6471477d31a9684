/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 3c896ec12390196d52c80a34588fb5fb8ce58442 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_Horde_ActiveSync_Native_wbxml_to_xml, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, input, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_Horde_ActiveSync_Native_wbxml_tag, 0, 1, IS_ARRAY, 1)
	ZEND_ARG_TYPE_MASK(0, nameOrPage, MAY_BE_STRING|MAY_BE_LONG, NULL)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, token, IS_LONG, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_Horde_ActiveSync_Native_wbxml_code_pages, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()


ZEND_FUNCTION(Horde_ActiveSync_Native_wbxml_to_xml);
ZEND_FUNCTION(Horde_ActiveSync_Native_wbxml_tag);
ZEND_FUNCTION(Horde_ActiveSync_Native_wbxml_code_pages);


static const zend_function_entry ext_functions[] = {
	ZEND_NS_FALIAS("Horde\\ActiveSync\\Native", wbxml_to_xml, Horde_ActiveSync_Native_wbxml_to_xml, arginfo_Horde_ActiveSync_Native_wbxml_to_xml)
	ZEND_NS_FALIAS("Horde\\ActiveSync\\Native", wbxml_tag, Horde_ActiveSync_Native_wbxml_tag, arginfo_Horde_ActiveSync_Native_wbxml_tag)
	ZEND_NS_FALIAS("Horde\\ActiveSync\\Native", wbxml_code_pages, Horde_ActiveSync_Native_wbxml_code_pages, arginfo_Horde_ActiveSync_Native_wbxml_code_pages)
	ZEND_FE_END
};
