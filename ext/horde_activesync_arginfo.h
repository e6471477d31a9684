/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 4dbf6bb678cea4f044b2d8d7f74a9264b0fa0e9a */

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

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder___construct, 0, 0, 1)
	ZEND_ARG_TYPE_INFO(0, input, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_readHeader, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_getHeader arginfo_Horde_ActiveSync_Native_wbxml_code_pages

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_getToken, 0, 0, MAY_BE_ARRAY|MAY_BE_FALSE)
ZEND_END_ARG_INFO()

#define arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_getElement arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_getToken

#define arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_peek arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_getToken

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_unget, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_MASK(0, element, MAY_BE_ARRAY|MAY_BE_FALSE, NULL)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_getElementStartTag, 0, 1, MAY_BE_ARRAY|MAY_BE_FALSE)
	ZEND_ARG_TYPE_INFO(0, tag, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_getElementEndTag arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_getToken

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_getElementContent, 0, 0, IS_MIXED, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_getLastStartElement arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_getToken

#define arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_decodeAll arginfo_Horde_ActiveSync_Native_wbxml_code_pages

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_remainingInput, 0, 0, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_hasReadInput arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_readHeader

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_getOffset, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_setLogger, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, logger, IS_OBJECT, 1)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, level, IS_LONG, 0, "2")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder___construct, 0, 0, 1)
	ZEND_ARG_TYPE_INFO(0, output, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_startWbxml, 0, 0, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, multipart, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_outputHeader, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_startTag, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, tag, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, attributes, IS_MIXED, 0, "false")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, outputEmpty, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

#define arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_endTag arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_outputHeader

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_content, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, content, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, opaque, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_writeElements, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, elements, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_addPart, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, data, IS_MIXED, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_getParts arginfo_Horde_ActiveSync_Native_wbxml_code_pages

#define arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_isMultipart arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_readHeader

#define arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_keepAlive arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_outputHeader

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_flush, 0, 0, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, sapi, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_swapOutputStream, 0, 0, 1)
	ZEND_ARG_TYPE_INFO(0, stream, IS_MIXED, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_appendOutputStream, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, stream, IS_MIXED, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_getOutputStream arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_remainingInput

#define arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_getDepth arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_getOffset

#define arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_getOffset arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_getOffset

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_writeRaw, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, bytes, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_setEager, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, eager, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_setLogger arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_setLogger


ZEND_FUNCTION(Horde_ActiveSync_Native_wbxml_to_xml);
ZEND_FUNCTION(Horde_ActiveSync_Native_wbxml_tag);
ZEND_FUNCTION(Horde_ActiveSync_Native_wbxml_code_pages);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, __construct);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, readHeader);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, getHeader);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, getToken);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, getElement);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, peek);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, unget);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, getElementStartTag);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, getElementEndTag);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, getElementContent);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, getLastStartElement);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, decodeAll);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, remainingInput);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, hasReadInput);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, getOffset);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, setLogger);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, __construct);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, startWbxml);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, outputHeader);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, startTag);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, endTag);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, content);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, writeElements);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, addPart);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, getParts);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, isMultipart);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, keepAlive);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, flush);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, swapOutputStream);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, appendOutputStream);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, getOutputStream);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, getDepth);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, getOffset);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, writeRaw);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, setEager);
ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, setLogger);


static const zend_function_entry ext_functions[] = {
	ZEND_NS_FALIAS("Horde\\ActiveSync\\Native", wbxml_to_xml, Horde_ActiveSync_Native_wbxml_to_xml, arginfo_Horde_ActiveSync_Native_wbxml_to_xml)
	ZEND_NS_FALIAS("Horde\\ActiveSync\\Native", wbxml_tag, Horde_ActiveSync_Native_wbxml_tag, arginfo_Horde_ActiveSync_Native_wbxml_tag)
	ZEND_NS_FALIAS("Horde\\ActiveSync\\Native", wbxml_code_pages, Horde_ActiveSync_Native_wbxml_code_pages, arginfo_Horde_ActiveSync_Native_wbxml_code_pages)
	ZEND_FE_END
};


static const zend_function_entry class_Horde_ActiveSync_Native_WbxmlException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Horde_ActiveSync_Native_WbxmlDecoder_methods[] = {
	ZEND_ME(Horde_ActiveSync_Native_WbxmlDecoder, __construct, arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlDecoder, readHeader, arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_readHeader, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlDecoder, getHeader, arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_getHeader, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlDecoder, getToken, arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_getToken, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlDecoder, getElement, arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_getElement, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlDecoder, peek, arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_peek, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlDecoder, unget, arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_unget, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlDecoder, getElementStartTag, arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_getElementStartTag, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlDecoder, getElementEndTag, arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_getElementEndTag, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlDecoder, getElementContent, arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_getElementContent, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlDecoder, getLastStartElement, arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_getLastStartElement, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlDecoder, decodeAll, arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_decodeAll, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlDecoder, remainingInput, arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_remainingInput, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlDecoder, hasReadInput, arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_hasReadInput, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlDecoder, getOffset, arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_getOffset, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlDecoder, setLogger, arginfo_class_Horde_ActiveSync_Native_WbxmlDecoder_setLogger, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Horde_ActiveSync_Native_WbxmlEncoder_methods[] = {
	ZEND_ME(Horde_ActiveSync_Native_WbxmlEncoder, __construct, arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlEncoder, startWbxml, arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_startWbxml, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlEncoder, outputHeader, arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_outputHeader, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlEncoder, startTag, arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_startTag, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlEncoder, endTag, arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_endTag, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlEncoder, content, arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_content, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlEncoder, writeElements, arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_writeElements, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlEncoder, addPart, arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_addPart, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlEncoder, getParts, arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_getParts, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlEncoder, isMultipart, arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_isMultipart, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlEncoder, keepAlive, arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_keepAlive, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlEncoder, flush, arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_flush, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlEncoder, swapOutputStream, arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_swapOutputStream, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlEncoder, appendOutputStream, arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_appendOutputStream, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlEncoder, getOutputStream, arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_getOutputStream, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlEncoder, getDepth, arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_getDepth, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlEncoder, getOffset, arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_getOffset, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlEncoder, writeRaw, arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_writeRaw, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlEncoder, setEager, arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_setEager, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_WbxmlEncoder, setLogger, arginfo_class_Horde_ActiveSync_Native_WbxmlEncoder_setLogger, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Horde_ActiveSync_Native_WbxmlException(zend_class_entry *class_entry_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Horde\\ActiveSync\\Native", "WbxmlException", class_Horde_ActiveSync_Native_WbxmlException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);

	return class_entry;
}

static zend_class_entry *register_class_Horde_ActiveSync_Native_WbxmlDecoder(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Horde\\ActiveSync\\Native", "WbxmlDecoder", class_Horde_ActiveSync_Native_WbxmlDecoder_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}

static zend_class_entry *register_class_Horde_ActiveSync_Native_WbxmlEncoder(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Horde\\ActiveSync\\Native", "WbxmlEncoder", class_Horde_ActiveSync_Native_WbxmlEncoder_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}
