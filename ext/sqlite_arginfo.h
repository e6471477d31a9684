/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: cc4e61ebd1badae39e222b351987ef34cd18479f */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_SqliteStatements_supports, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_OBJ_INFO(0, pdo, PDO, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_SqliteStatements_run, 0, 2, IS_MIXED, 0)
	ZEND_ARG_OBJ_INFO(0, pdo, PDO, 0)
	ZEND_ARG_TYPE_INFO(0, sql, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, params, IS_ARRAY, 0, "[]")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, fetch, IS_LONG, 0, "Horde\\ActiveSync\\Native\\SqliteStatements::ALL")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, blobs, IS_LONG, 0, "0")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_SqliteStatements_cached, 0, 1, IS_LONG, 0)
	ZEND_ARG_OBJ_INFO(0, pdo, PDO, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Horde_ActiveSync_Native_SqliteStatements_inTransaction arginfo_class_Horde_ActiveSync_Native_SqliteStatements_supports


ZEND_METHOD(Horde_ActiveSync_Native_SqliteStatements, supports);
ZEND_METHOD(Horde_ActiveSync_Native_SqliteStatements, run);
ZEND_METHOD(Horde_ActiveSync_Native_SqliteStatements, cached);
ZEND_METHOD(Horde_ActiveSync_Native_SqliteStatements, inTransaction);


static const zend_function_entry class_Horde_ActiveSync_Native_SqliteStatements_methods[] = {
	ZEND_ME(Horde_ActiveSync_Native_SqliteStatements, supports, arginfo_class_Horde_ActiveSync_Native_SqliteStatements_supports, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_SqliteStatements, run, arginfo_class_Horde_ActiveSync_Native_SqliteStatements_run, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_SqliteStatements, cached, arginfo_class_Horde_ActiveSync_Native_SqliteStatements_cached, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_SqliteStatements, inTransaction, arginfo_class_Horde_ActiveSync_Native_SqliteStatements_inTransaction, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Horde_ActiveSync_Native_SqliteStatements(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Horde\\ActiveSync\\Native", "SqliteStatements", class_Horde_ActiveSync_Native_SqliteStatements_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	zval const_VALUE_value;
	ZVAL_LONG(&const_VALUE_value, EAS_SQLITE_VALUE);
	zend_string *const_VALUE_name = zend_string_init_interned("VALUE", sizeof("VALUE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_VALUE_name, &const_VALUE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_VALUE_name);

	zval const_ROW_value;
	ZVAL_LONG(&const_ROW_value, EAS_SQLITE_ROW);
	zend_string *const_ROW_name = zend_string_init_interned("ROW", sizeof("ROW") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_ROW_name, &const_ROW_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_ROW_name);

	zval const_ALL_value;
	ZVAL_LONG(&const_ALL_value, EAS_SQLITE_ALL);
	zend_string *const_ALL_name = zend_string_init_interned("ALL", sizeof("ALL") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_ALL_name, &const_ALL_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_ALL_name);

	zval const_COLUMN_value;
	ZVAL_LONG(&const_COLUMN_value, EAS_SQLITE_COLUMN);
	zend_string *const_COLUMN_name = zend_string_init_interned("COLUMN", sizeof("COLUMN") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_COLUMN_name, &const_COLUMN_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_COLUMN_name);

	zval const_PAIRS_value;
	ZVAL_LONG(&const_PAIRS_value, EAS_SQLITE_PAIRS);
	zend_string *const_PAIRS_name = zend_string_init_interned("PAIRS", sizeof("PAIRS") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_PAIRS_name, &const_PAIRS_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_PAIRS_name);

	zval const_CHANGES_value;
	ZVAL_LONG(&const_CHANGES_value, EAS_SQLITE_CHANGES);
	zend_string *const_CHANGES_name = zend_string_init_interned("CHANGES", sizeof("CHANGES") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_CHANGES_name, &const_CHANGES_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_CHANGES_name);

	zval const_CACHE_SIZE_value;
	ZVAL_LONG(&const_CACHE_SIZE_value, EAS_SQLITE_CACHE_SIZE);
	zend_string *const_CACHE_SIZE_name = zend_string_init_interned("CACHE_SIZE", sizeof("CACHE_SIZE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_CACHE_SIZE_name, &const_CACHE_SIZE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_CACHE_SIZE_name);

	return class_entry;
}
