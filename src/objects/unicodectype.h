/*
 * unicodectype.h — character properties and case mappings (Unicode 14.0.0,
 * as CPython 3.11).  GENERATED with unicodectype.c by
 * tests/tools/gen-unicode-ctype; do not edit.
 */
#ifndef HL_UNICODECTYPE_H
#define HL_UNICODECTYPE_H

#include <stddef.h>
#include <stdint.h>

/* Bits of hl_unicode_flags(ch): the CPython predicate each one answers.
 *   PRINTABLE str.isprintable   ALPHA str.isalpha      DECIMAL str.isdecimal
 *   DIGIT str.isdigit           NUMERIC str.isnumeric  LOWER Lowercase
 *   UPPER Uppercase             TITLE category Lt      CASED Cased
 *   CASE_IGNORABLE Case_Ignorable (final sigma)        XID_START/CONTINUE
 *   SPACE str.isspace           LINEBREAK str.splitlines boundaries */
#define HL_UC_PRINTABLE 0x0001
#define HL_UC_ALPHA 0x0002
#define HL_UC_DECIMAL 0x0004
#define HL_UC_DIGIT 0x0008
#define HL_UC_NUMERIC 0x0010
#define HL_UC_LOWER 0x0020
#define HL_UC_UPPER 0x0040
#define HL_UC_TITLE 0x0080
#define HL_UC_CASED 0x0100
#define HL_UC_CASE_IGNORABLE 0x0200
#define HL_UC_XID_START 0x0400
#define HL_UC_XID_CONTINUE 0x0800
#define HL_UC_SPACE 0x1000
#define HL_UC_LINEBREAK 0x2000

unsigned hl_unicode_flags(uint32_t ch);
/* Decimal digit value (0-9) or -1. */
int hl_unicode_to_decimal(uint32_t ch);
/* Full case mappings: write 1 to 3 characters to res, return how many. */
int hl_unicode_to_lower_full(uint32_t ch, uint32_t *res);
int hl_unicode_to_title_full(uint32_t ch, uint32_t *res);
int hl_unicode_to_upper_full(uint32_t ch, uint32_t *res);
int hl_unicode_to_folded_full(uint32_t ch, uint32_t *res);

#define HL_UC_HAS(ch, flag) ((hl_unicode_flags(ch) & (flag)) != 0)
#define hl_unicode_isspace(ch) HL_UC_HAS(ch, HL_UC_SPACE)
#define hl_unicode_islinebreak(ch) HL_UC_HAS(ch, HL_UC_LINEBREAK)
#define hl_unicode_isprintable(ch) HL_UC_HAS(ch, HL_UC_PRINTABLE)
#define hl_unicode_isalpha(ch) HL_UC_HAS(ch, HL_UC_ALPHA)
#define hl_unicode_isdecimal(ch) HL_UC_HAS(ch, HL_UC_DECIMAL)
#define hl_unicode_isdigit(ch) HL_UC_HAS(ch, HL_UC_DIGIT)
#define hl_unicode_isnumeric(ch) HL_UC_HAS(ch, HL_UC_NUMERIC)
#define hl_unicode_isalnum(ch) \
    HL_UC_HAS(ch, HL_UC_ALPHA | HL_UC_DECIMAL | HL_UC_DIGIT | HL_UC_NUMERIC)
#define hl_unicode_islower(ch) HL_UC_HAS(ch, HL_UC_LOWER)
#define hl_unicode_isupper(ch) HL_UC_HAS(ch, HL_UC_UPPER)
#define hl_unicode_istitle(ch) HL_UC_HAS(ch, HL_UC_TITLE)
#define hl_unicode_iscased(ch) HL_UC_HAS(ch, HL_UC_CASED)
#define hl_unicode_iscaseignorable(ch) HL_UC_HAS(ch, HL_UC_CASE_IGNORABLE)
#define hl_unicode_isxidstart(ch) HL_UC_HAS(ch, HL_UC_XID_START)
#define hl_unicode_isxidcontinue(ch) HL_UC_HAS(ch, HL_UC_XID_CONTINUE)

#endif /* HL_UNICODECTYPE_H */
