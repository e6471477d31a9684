/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: e74ee5ee642537b1cd1ee443736a47bb33f00f2d */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_ImapFolderState_setChanges, 0, 5, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, uids, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, flags, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, uidnext, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, condstore, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, resetMinUid, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_ImapFolderState_setRemoved, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, uids, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_ImapFolderState_prime, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, uids, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_ImapFolderState_takeSoftDeleted, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Horde_ActiveSync_Native_ImapFolderState_setSoftDeleted arginfo_class_Horde_ActiveSync_Native_ImapFolderState_prime

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_ImapFolderState_update, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, condstore, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_ImapFolderState_acknowledge, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_MASK(0, uid, MAY_BE_LONG|MAY_BE_STRING, NULL)
ZEND_END_ARG_INFO()

#define arginfo_class_Horde_ActiveSync_Native_ImapFolderState_added arginfo_class_Horde_ActiveSync_Native_ImapFolderState_takeSoftDeleted

#define arginfo_class_Horde_ActiveSync_Native_ImapFolderState_changed arginfo_class_Horde_ActiveSync_Native_ImapFolderState_takeSoftDeleted

#define arginfo_class_Horde_ActiveSync_Native_ImapFolderState_removed arginfo_class_Horde_ActiveSync_Native_ImapFolderState_takeSoftDeleted

#define arginfo_class_Horde_ActiveSync_Native_ImapFolderState_softDeleted arginfo_class_Horde_ActiveSync_Native_ImapFolderState_takeSoftDeleted

#define arginfo_class_Horde_ActiveSync_Native_ImapFolderState_messages arginfo_class_Horde_ActiveSync_Native_ImapFolderState_takeSoftDeleted

#define arginfo_class_Horde_ActiveSync_Native_ImapFolderState_messageMap arginfo_class_Horde_ActiveSync_Native_ImapFolderState_takeSoftDeleted

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_ImapFolderState_sequence, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_ImapFolderState_count, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Horde_ActiveSync_Native_ImapFolderState_minUid arginfo_class_Horde_ActiveSync_Native_ImapFolderState_count

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_ImapFolderState_contains, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_MASK(0, uid, MAY_BE_LONG|MAY_BE_STRING, NULL)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_ImapFolderState_isPrimed, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Horde_ActiveSync_Native_ImapFolderState_hasPending arginfo_class_Horde_ActiveSync_Native_ImapFolderState_isPrimed

#define arginfo_class_Horde_ActiveSync_Native_ImapFolderState_encode arginfo_class_Horde_ActiveSync_Native_ImapFolderState_sequence

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_ImapFolderState_decode, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, data, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, max, IS_LONG, 0, "10000000")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_ImapFolderState_loadSequence, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, sequence, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, max, IS_LONG, 0, "10000000")
ZEND_END_ARG_INFO()

#define arginfo_class_Horde_ActiveSync_Native_ImapFolderState_loadList arginfo_class_Horde_ActiveSync_Native_ImapFolderState_prime

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_ImapFolderState_loadMap, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, map, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_ImapFolderState_plan, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, saved, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, current, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, softdelete, _IS_BOOL, 0, "false")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, refreshFilter, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_ImapFolderState_pingChanged, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, watermark, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, current, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_ImapFolderState_toSequence, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, uids, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_ImapFolderState_fromSequence, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, sequence, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, max, IS_LONG, 0, "10000000")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_RangeSet_addRange, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, start, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, end, IS_LONG, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Horde_ActiveSync_Native_RangeSet_removeRange arginfo_class_Horde_ActiveSync_Native_RangeSet_addRange

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_RangeSet_contains, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, n, IS_LONG, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Horde_ActiveSync_Native_RangeSet_count arginfo_class_Horde_ActiveSync_Native_ImapFolderState_count

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_RangeSet_union, 0, 1, IS_VOID, 0)
	ZEND_ARG_OBJ_INFO(0, other, Horde\\ActiveSync\\\116ative\\RangeSet, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Horde_ActiveSync_Native_RangeSet_subtract arginfo_class_Horde_ActiveSync_Native_RangeSet_union

#define arginfo_class_Horde_ActiveSync_Native_RangeSet_intersect arginfo_class_Horde_ActiveSync_Native_RangeSet_union

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_RangeSet_diff, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_OBJ_INFO(0, a, Horde\\ActiveSync\\\116ative\\RangeSet, 0)
	ZEND_ARG_OBJ_INFO(0, b, Horde\\ActiveSync\\\116ative\\RangeSet, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Horde_ActiveSync_Native_RangeSet_ranges arginfo_class_Horde_ActiveSync_Native_ImapFolderState_takeSoftDeleted

#define arginfo_class_Horde_ActiveSync_Native_RangeSet___toString arginfo_class_Horde_ActiveSync_Native_ImapFolderState_sequence

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Horde_ActiveSync_Native_RangeSet_fromString, 0, 1, Horde\\ActiveSync\\\116ative\\RangeSet, 0)
	ZEND_ARG_TYPE_INFO(0, text, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_ChangeSet_hierarchy, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, saved, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, current, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Horde_ActiveSync_Native_ChangeSet_normalizePim, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, changes, IS_ARRAY, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, setChanges);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, setRemoved);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, prime);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, takeSoftDeleted);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, setSoftDeleted);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, update);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, acknowledge);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, added);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, changed);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, removed);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, softDeleted);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, messages);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, messageMap);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, sequence);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, count);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, minUid);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, contains);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, isPrimed);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, hasPending);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, encode);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, decode);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, loadSequence);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, loadList);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, loadMap);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, plan);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, pingChanged);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, toSequence);
ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, fromSequence);
ZEND_METHOD(Horde_ActiveSync_Native_RangeSet, addRange);
ZEND_METHOD(Horde_ActiveSync_Native_RangeSet, removeRange);
ZEND_METHOD(Horde_ActiveSync_Native_RangeSet, contains);
ZEND_METHOD(Horde_ActiveSync_Native_RangeSet, count);
ZEND_METHOD(Horde_ActiveSync_Native_RangeSet, union);
ZEND_METHOD(Horde_ActiveSync_Native_RangeSet, subtract);
ZEND_METHOD(Horde_ActiveSync_Native_RangeSet, intersect);
ZEND_METHOD(Horde_ActiveSync_Native_RangeSet, diff);
ZEND_METHOD(Horde_ActiveSync_Native_RangeSet, ranges);
ZEND_METHOD(Horde_ActiveSync_Native_RangeSet, __toString);
ZEND_METHOD(Horde_ActiveSync_Native_RangeSet, fromString);
ZEND_METHOD(Horde_ActiveSync_Native_ChangeSet, hierarchy);
ZEND_METHOD(Horde_ActiveSync_Native_ChangeSet, normalizePim);


static const zend_function_entry class_Horde_ActiveSync_Native_ImapFolderState_methods[] = {
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, setChanges, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_setChanges, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, setRemoved, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_setRemoved, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, prime, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_prime, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, takeSoftDeleted, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_takeSoftDeleted, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, setSoftDeleted, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_setSoftDeleted, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, update, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_update, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, acknowledge, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_acknowledge, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, added, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_added, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, changed, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_changed, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, removed, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_removed, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, softDeleted, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_softDeleted, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, messages, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_messages, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, messageMap, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_messageMap, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, sequence, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_sequence, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, count, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_count, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, minUid, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_minUid, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, contains, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_contains, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, isPrimed, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_isPrimed, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, hasPending, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_hasPending, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, encode, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_encode, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, decode, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_decode, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, loadSequence, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_loadSequence, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, loadList, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_loadList, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, loadMap, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_loadMap, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, plan, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_plan, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, pingChanged, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_pingChanged, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, toSequence, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_toSequence, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_ImapFolderState, fromSequence, arginfo_class_Horde_ActiveSync_Native_ImapFolderState_fromSequence, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};


static const zend_function_entry class_Horde_ActiveSync_Native_RangeSet_methods[] = {
	ZEND_ME(Horde_ActiveSync_Native_RangeSet, addRange, arginfo_class_Horde_ActiveSync_Native_RangeSet_addRange, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_RangeSet, removeRange, arginfo_class_Horde_ActiveSync_Native_RangeSet_removeRange, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_RangeSet, contains, arginfo_class_Horde_ActiveSync_Native_RangeSet_contains, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_RangeSet, count, arginfo_class_Horde_ActiveSync_Native_RangeSet_count, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_RangeSet, union, arginfo_class_Horde_ActiveSync_Native_RangeSet_union, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_RangeSet, subtract, arginfo_class_Horde_ActiveSync_Native_RangeSet_subtract, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_RangeSet, intersect, arginfo_class_Horde_ActiveSync_Native_RangeSet_intersect, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_RangeSet, diff, arginfo_class_Horde_ActiveSync_Native_RangeSet_diff, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_RangeSet, ranges, arginfo_class_Horde_ActiveSync_Native_RangeSet_ranges, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_RangeSet, __toString, arginfo_class_Horde_ActiveSync_Native_RangeSet___toString, ZEND_ACC_PUBLIC)
	ZEND_ME(Horde_ActiveSync_Native_RangeSet, fromString, arginfo_class_Horde_ActiveSync_Native_RangeSet_fromString, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};


static const zend_function_entry class_Horde_ActiveSync_Native_ChangeSet_methods[] = {
	ZEND_ME(Horde_ActiveSync_Native_ChangeSet, hierarchy, arginfo_class_Horde_ActiveSync_Native_ChangeSet_hierarchy, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Horde_ActiveSync_Native_ChangeSet, normalizePim, arginfo_class_Horde_ActiveSync_Native_ChangeSet_normalizePim, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Horde_ActiveSync_Native_ImapFolderState(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Horde\\ActiveSync\\Native", "ImapFolderState", class_Horde_ActiveSync_Native_ImapFolderState_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval const_PLAN_NOTHING_value;
	ZVAL_LONG(&const_PLAN_NOTHING_value, EAS_IMAP_PLAN_NOTHING);
	zend_string *const_PLAN_NOTHING_name = zend_string_init_interned("PLAN_NOTHING", sizeof("PLAN_NOTHING") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_PLAN_NOTHING_name, &const_PLAN_NOTHING_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_PLAN_NOTHING_name);

	zval const_PLAN_MODSEQ_value;
	ZVAL_LONG(&const_PLAN_MODSEQ_value, EAS_IMAP_PLAN_MODSEQ);
	zend_string *const_PLAN_MODSEQ_name = zend_string_init_interned("PLAN_MODSEQ", sizeof("PLAN_MODSEQ") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_PLAN_MODSEQ_name, &const_PLAN_MODSEQ_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_PLAN_MODSEQ_name);

	zval const_PLAN_INITIAL_value;
	ZVAL_LONG(&const_PLAN_INITIAL_value, EAS_IMAP_PLAN_INITIAL);
	zend_string *const_PLAN_INITIAL_name = zend_string_init_interned("PLAN_INITIAL", sizeof("PLAN_INITIAL") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_PLAN_INITIAL_name, &const_PLAN_INITIAL_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_PLAN_INITIAL_name);

	zval const_PLAN_PLAIN_value;
	ZVAL_LONG(&const_PLAN_PLAIN_value, EAS_IMAP_PLAN_PLAIN);
	zend_string *const_PLAN_PLAIN_name = zend_string_init_interned("PLAN_PLAIN", sizeof("PLAN_PLAIN") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_PLAN_PLAIN_name, &const_PLAN_PLAIN_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_PLAN_PLAIN_name);

	zval const_PLAN_UIDVALIDITY_value;
	ZVAL_LONG(&const_PLAN_UIDVALIDITY_value, EAS_IMAP_PLAN_UIDVALIDITY);
	zend_string *const_PLAN_UIDVALIDITY_name = zend_string_init_interned("PLAN_UIDVALIDITY", sizeof("PLAN_UIDVALIDITY") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_PLAN_UIDVALIDITY_name, &const_PLAN_UIDVALIDITY_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_PLAN_UIDVALIDITY_name);

	zval const_PLAN_CONDSTORE_ENABLED_value;
	ZVAL_LONG(&const_PLAN_CONDSTORE_ENABLED_value, EAS_IMAP_PLAN_CONDSTORE_ENABLED);
	zend_string *const_PLAN_CONDSTORE_ENABLED_name = zend_string_init_interned("PLAN_CONDSTORE_ENABLED", sizeof("PLAN_CONDSTORE_ENABLED") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_PLAN_CONDSTORE_ENABLED_name, &const_PLAN_CONDSTORE_ENABLED_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_PLAN_CONDSTORE_ENABLED_name);

	zval const_PLAN_NOT_INITIALIZED_value;
	ZVAL_LONG(&const_PLAN_NOT_INITIALIZED_value, EAS_IMAP_PLAN_NOT_INITIALIZED);
	zend_string *const_PLAN_NOT_INITIALIZED_name = zend_string_init_interned("PLAN_NOT_INITIALIZED", sizeof("PLAN_NOT_INITIALIZED") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_PLAN_NOT_INITIALIZED_name, &const_PLAN_NOT_INITIALIZED_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_PLAN_NOT_INITIALIZED_name);

	return class_entry;
}

static zend_class_entry *register_class_Horde_ActiveSync_Native_RangeSet(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Horde\\ActiveSync\\Native", "RangeSet", class_Horde_ActiveSync_Native_RangeSet_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_Horde_ActiveSync_Native_ChangeSet(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Horde\\ActiveSync\\Native", "ChangeSet", class_Horde_ActiveSync_Native_ChangeSet_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	zval const_HIER_NAME_value;
	ZVAL_LONG(&const_HIER_NAME_value, EAS_HIER_NAME);
	zend_string *const_HIER_NAME_name = zend_string_init_interned("HIER_NAME", sizeof("HIER_NAME") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_HIER_NAME_name, &const_HIER_NAME_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_HIER_NAME_name);

	zval const_HIER_PARENT_value;
	ZVAL_LONG(&const_HIER_PARENT_value, EAS_HIER_PARENT);
	zend_string *const_HIER_PARENT_name = zend_string_init_interned("HIER_PARENT", sizeof("HIER_PARENT") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_HIER_PARENT_name, &const_HIER_PARENT_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_HIER_PARENT_name);

	zval const_HIER_SERVERID_value;
	ZVAL_LONG(&const_HIER_SERVERID_value, EAS_HIER_SERVERID);
	zend_string *const_HIER_SERVERID_name = zend_string_init_interned("HIER_SERVERID", sizeof("HIER_SERVERID") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_HIER_SERVERID_name, &const_HIER_SERVERID_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_HIER_SERVERID_name);

	zval const_HIER_TYPE_value;
	ZVAL_LONG(&const_HIER_TYPE_value, EAS_HIER_TYPE);
	zend_string *const_HIER_TYPE_name = zend_string_init_interned("HIER_TYPE", sizeof("HIER_TYPE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_HIER_TYPE_name, &const_HIER_TYPE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_HIER_TYPE_name);

	return class_entry;
}
