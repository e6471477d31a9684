/*
 * The KQL lexer. kql_lexer.c is generated from this file by re2c
 * (make -C tests/c generate, tools/test.sh checks that it is current):
 *
 *   re2c -W -i --no-generation-date --no-version -o src/kql/kql_lexer.c src/kql/kql_lexer.re
 *
 * The automaton classifies UTF-8 input (spaces include U+00A0 and U+3000,
 * quotes include the typographic ones phone keyboards insert: U+201C,
 * U+201D, U+201E); the actions split property prefixes, signs and
 * wildcards off words.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stddef.h>

#include "kql.h"
#include "kql_lexer.h"

/*!re2c
    re2c:flags:utf-8 = 1;
    re2c:define:YYCTYPE = "unsigned char";
    re2c:define:YYCURSOR = cur;
    re2c:define:YYMARKER = mar;
    re2c:yyfill:enable = 0;
    re2c:indent:string = "    ";

    end   = "\x00";
    sp    = [ \t\r\n\u00A0\u3000];
    ctl   = [\x01-\x08\x0B\x0C\x0E-\x1F\x7F];
    quote = ["\u201C\u201D\u201E];
    inq   = [^\x00"\u201C\u201D\u201E];
    wc    = [^\x00-\x20\x7F"()\u00A0\u3000\u201C\u201D\u201E];
*/

/* The bytes of a space at p (as the automaton defines it), or 0. */
static int space_len(const unsigned char *p)
{
    if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
        return 1;
    }
    if (p[0] == 0xC2 && p[1] == 0xA0) {
        return 2;
    }
    if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
        return 3;
    }
    return 0;
}

static int is_name_start(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_name_char(unsigned char c)
{
    return is_name_start(c) || (c >= '0' && c <= '9') || c == '_';
}

static int is_op_char(unsigned char c)
{
    return c == ':' || c == '=' || c == '<' || c == '>';
}

/* The property a name denotes (any case), or KQL_P_NONE. The name is
 * followed by its operator, so the automaton stops there. */
static kql_prop property(const unsigned char *s, size_t len)
{
    const unsigned char *cur = s, *mar;
    kql_prop prop;

    (void)mar;
    /*!re2c
        'from'            { prop = KQL_P_FROM; goto done; }
        'to'              { prop = KQL_P_TO; goto done; }
        'cc'              { prop = KQL_P_CC; goto done; }
        'bcc'             { prop = KQL_P_BCC; goto done; }
        'participants'    { prop = KQL_P_PARTICIPANTS; goto done; }
        'subject'         { prop = KQL_P_SUBJECT; goto done; }
        'body'            { prop = KQL_P_BODY; goto done; }
        'attachment'      { prop = KQL_P_ATTACHMENT; goto done; }
        'attachments'     { prop = KQL_P_ATTACHMENT; goto done; }
        'attachmentnames' { prop = KQL_P_ATTACHMENT; goto done; }
        'hasattachment'   { prop = KQL_P_HASATTACHMENT; goto done; }
        'hasattachments'  { prop = KQL_P_HASATTACHMENT; goto done; }
        'received'        { prop = KQL_P_RECEIVED; goto done; }
        'sent'            { prop = KQL_P_SENT; goto done; }
        'size'            { prop = KQL_P_SIZE; goto done; }
        'category'        { prop = KQL_P_CATEGORY; goto done; }
        'categories'      { prop = KQL_P_CATEGORY; goto done; }
        'importance'      { prop = KQL_P_IMPORTANCE; goto done; }
        'isread'          { prop = KQL_P_ISREAD; goto done; }
        'isflagged'       { prop = KQL_P_ISFLAGGED; goto done; }
        'kind'            { prop = KQL_P_KIND; goto done; }
        *                 { return KQL_P_NONE; }
    */
done:
    /* a longer name that starts like a property is not that property */
    return (size_t)(cur - s) == len ? prop : KQL_P_NONE;
}

/* Parses the operator at s (after a property name); returns its length or
 * 0. Accepts KQL's operators and the AQS spelling with a colon first
 * (received:>=2024-01-01). */
static size_t operator(const unsigned char *s, kql_op *op)
{
    size_t n = 0;

    if (s[0] == ':') {
        if (!(s[1] == '=' || s[1] == '<' || s[1] == '>')) {
            *op = KQL_OP_COLON;
            return 1;
        }
        n = 1;
        s++;
    }
    if (s[0] == '<' && s[1] == '>') {
        *op = KQL_OP_NE;
        return n + 2;
    }
    if (s[0] == '<' && s[1] == '=') {
        *op = KQL_OP_LE;
        return n + 2;
    }
    if (s[0] == '>' && s[1] == '=') {
        *op = KQL_OP_GE;
        return n + 2;
    }
    switch (s[0]) {
    case '<': *op = KQL_OP_LT; return n + 1;
    case '>': *op = KQL_OP_GT; return n + 1;
    case '=': *op = KQL_OP_EQ; return n + 1;
    default: return 0;
    }
}

static void set(kql_lexer *lx, kql_token *tok, kql_tok_type type, const unsigned char *start)
{
    tok->type = (uint8_t)type;
    tok->prop = KQL_P_NONE;
    tok->op = KQL_OP_COLON;
    tok->prefix = 0;
    tok->pos = (uint32_t)(start - lx->base);
    tok->len = (uint32_t)(lx->cur - start);
    tok->text = tok->pos;
    tok->text_len = tok->len;
}

/* A phrase token: text between the quotes, a * after the closing quote
 * makes it a prefix. The closing quote is 1 or 3 bytes. */
static void phrase(kql_lexer *lx, kql_token *tok, const unsigned char *start)
{
    size_t open = *start == '"' ? 1 : 3;
    const unsigned char *end = lx->cur;
    size_t close;

    if (*lx->cur == '*') {
        lx->cur++;
    }
    close = end[-1] == '"' ? 1 : 3;
    set(lx, tok, KQL_T_PHRASE, start);
    tok->prefix = lx->cur != end;
    tok->text = tok->pos + (uint32_t)open;
    tok->text_len = (uint32_t)((size_t)(end - start) - open - close);
}

/* A word: trailing *s make it a prefix (the text excludes them). */
static void word(kql_lexer *lx, kql_token *tok, const unsigned char *start)
{
    uint32_t n;

    set(lx, tok, KQL_T_WORD, start);
    n = tok->len;
    while (n > 0 && start[n - 1] == '*') {
        n--;
    }
    tok->prefix = n != tok->len;
    tok->text_len = n;
}

/* A word starting like "name<op>" is a property restriction: the token
 * ends after the operator and the value is lexed by kql_lex_value. */
static int property_prefix(kql_lexer *lx, kql_token *tok, const unsigned char *start)
{
    const unsigned char *p = start;
    kql_op op;
    size_t n;

    if (!is_name_start(*p)) {
        return 0;
    }
    while (p < lx->cur && is_name_char(*p)) {
        p++;
    }
    if (p >= lx->cur || !is_op_char(*p) || (n = operator(p, &op)) == 0) {
        return 0;
    }
    lx->cur = p + n;
    set(lx, tok, KQL_T_PROP, start);
    tok->prop = (uint8_t)property(start, (size_t)(p - start));
    tok->op = (uint8_t)op;
    tok->text_len = (uint32_t)(p - start);
    return 1;
}

void kql_lex(kql_lexer *lx, kql_token *tok)
{
    const unsigned char *cur = lx->cur, *mar, *start;

    (void)mar;
    for (;;) {
        start = cur;
    /*!re2c
        end  { lx->cur = start; set(lx, tok, KQL_T_END, start); return; }
        sp+  { continue; }
        ctl  { lx->cur = cur; set(lx, tok, KQL_T_CONTROL, start); return; }
        "("  { lx->cur = cur; set(lx, tok, KQL_T_LPAREN, start); return; }
        ")"  { lx->cur = cur; set(lx, tok, KQL_T_RPAREN, start); return; }
        "AND"   { lx->cur = cur; set(lx, tok, KQL_T_AND, start); return; }
        "OR"    { lx->cur = cur; set(lx, tok, KQL_T_OR, start); return; }
        "NOT"   { lx->cur = cur; set(lx, tok, KQL_T_NOT, start); return; }
        "NEAR"  { lx->cur = cur; set(lx, tok, KQL_T_NEAR, start); return; }
        "ONEAR" { lx->cur = cur; set(lx, tok, KQL_T_NEAR, start); return; }
        quote inq* quote { lx->cur = cur; phrase(lx, tok, start); return; }
        quote inq* end   { lx->cur = cur - 1; set(lx, tok, KQL_T_UNTERMINATED, start); return; }
        [-+] {
            lx->cur = cur;
            if (*cur == '\0' || *cur == ')' || space_len(cur)) {
                set(lx, tok, KQL_T_LONE_SIGN, start);
            } else {
                set(lx, tok, *start == '-' ? KQL_T_MINUS : KQL_T_PLUS, start);
            }
            return;
        }
        wc+ {
            if (*start == '-' || *start == '+') {
                lx->cur = start + 1;
                set(lx, tok, *start == '-' ? KQL_T_MINUS : KQL_T_PLUS, start);
                return;
            }
            lx->cur = cur;
            if (!property_prefix(lx, tok, start)) {
                word(lx, tok, start);
            }
            return;
        }
        *    { lx->cur = cur; set(lx, tok, KQL_T_BAD, start); return; }
    */
    }
}

void kql_lex_value(kql_lexer *lx, kql_token *tok)
{
    const unsigned char *cur = lx->cur, *mar, *start = cur;

    (void)mar;
    /*!re2c
        quote inq* quote { lx->cur = cur; phrase(lx, tok, start); return; }
        quote inq* end   { lx->cur = cur - 1; set(lx, tok, KQL_T_UNTERMINATED, start); return; }
        "("  { lx->cur = cur; set(lx, tok, KQL_T_LPAREN, start); return; }
        wc+ {
            /* a range: the word stops before ".." */
            const unsigned char *p = start;

            while (p + 1 < cur && !(p[0] == '.' && p[1] == '.')) {
                p++;
            }
            if (p + 1 < cur) {
                cur = p;
            }
            if (cur == start) {
                set(lx, tok, KQL_T_END, start);
                return;
            }
            lx->cur = cur;
            word(lx, tok, start);
            return;
        }
        *    { set(lx, tok, KQL_T_END, start); return; }
    */
}
