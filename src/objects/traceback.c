/*
 * traceback.c — traceback objects and their printing (CPython 3.11's
 * Python/traceback.c).
 *
 * Each time an exception leaves a Python frame, the interpreter puts a new
 * traceback entry in front of the exception's __traceback__: the entry
 * holds the frame (which holds its locals) and the line being executed.
 * That is why a stored exception keeps every local variable of every frame
 * it passed through alive, and why `except E as e` deletes e at the end.
 *
 * Printing (PyTraceBack_Print) writes the header and then runs
 * tb_printinternal over the entries, oldest first:
 *
 *   - only the last `limit` entries are shown (sys.tracebacklimit, 1000 by
 *     default);
 *   - an entry is "the same" as the one before when its file and function
 *     are the same objects and its line is equal; of a run of the same
 *     entry only the first TB_RECURSIVE_CUTOFF (3) are printed, then
 *     "  [Previous line repeated N more times]" (N = run - 3, "time" when
 *     N is 1) — that is what a RecursionError's 1000 frames become;
 *   - tb_displayline prints `  File "f", line N, in name`, then
 *     display_source_line_with_margin prints the source line stripped of
 *     its leading spaces, tabs and form feeds, indented by four;
 *   - then, 3.11's novelty, a line of carets under the failing expression,
 *     from the position of the instruction at tb_lasti (co_positions).
 *     Columns arrive as UTF-8 byte offsets and are turned into character
 *     offsets (_PyPegen_byte_offset_to_character_offset, with its quirk:
 *     an offset past the end counts one character more).  When the
 *     expression spans lines, it is underlined to the last non-blank
 *     character of the first line.  On one line, the expression's text is
 *     parsed again (extract_anchors_from_line, src/lang/errdisplay.c): a
 *     BinOp gets ~ under its operands and ^ under the operator, a
 *     Subscript ~ under the value and ^ under the brackets.  Without such
 *     anchors, carets that would underline the whole stripped line say
 *     nothing and are left out.
 *
 * The byte/character mix-ups of CPython are kept on purpose (the
 * multi-line rule scans the UTF-8 text with a character count), since the
 * output must be the same byte for byte.
 *
 * Frames and source text belong to the language layer, which describes
 * them through two hooks (traceback.h).
 */
#include "traceback.h"

#include <stddef.h>
#include <string.h>

#include "../lang/errdisplay.h"
#include "../runtime/gc.h"
#include "../runtime/strbuf.h"
#include "strobject.h"

void (*hl_frame_info_hook)(HLObject *frame, int lasti, hl_frame_info *out);
int (*hl_source_line_hook)(HLObject *filename, int lineno, struct hl_strbuf *out);

/* ---- the object --------------------------------------------------------- */

HLObject *hl_traceback_new(HLObject *tb_next, HLObject *frame, int lasti, int lineno)
{
    HLTracebackObject *tb = (HLTracebackObject *)hl_gc_new(&hl_traceback_type);
    if (tb == NULL)
        return NULL;
    tb->tb_next = (HLTracebackObject *)hl_xnewref(tb_next);
    tb->tb_frame = hl_xnewref(frame);
    tb->tb_lasti = lasti;
    tb->tb_lineno = lineno;
    hl_gc_track(tb);
    return (HLObject *)tb;
}

static void tb_dealloc(HLObject *op)
{
    HLTracebackObject *tb = (HLTracebackObject *)op;
    hl_gc_untrack(op);
    HL_TRASHCAN_BEGIN(op, tb_dealloc)
    hl_xdecref(tb->tb_next);
    hl_xdecref(tb->tb_frame);
    hl_gc_del(op);
    HL_TRASHCAN_END;
}

static int tb_traverse(HLObject *op, hl_visitproc visit, void *arg)
{
    HLTracebackObject *tb = (HLTracebackObject *)op;
    HL_VISIT(tb->tb_next);
    HL_VISIT(tb->tb_frame);
    return 0;
}

static int tb_clear(HLObject *op)
{
    HLTracebackObject *tb = (HLTracebackObject *)op;
    HL_CLEAR(tb->tb_next);
    HL_CLEAR(tb->tb_frame);
    return 0;
}

static HLMemberDef tb_members[] = {
    {"tb_next", HL_T_OBJECT, offsetof(HLTracebackObject, tb_next), HL_READONLY},
    {"tb_frame", HL_T_OBJECT, offsetof(HLTracebackObject, tb_frame), HL_READONLY},
    {"tb_lasti", HL_T_INT, offsetof(HLTracebackObject, tb_lasti), HL_READONLY},
    {"tb_lineno", HL_T_INT, offsetof(HLTracebackObject, tb_lineno), HL_READONLY},
    {NULL}};

HLTypeObject hl_traceback_type = {
    .ob_base = {{1, &hl_type_type}, 0},
    .tp_name = "traceback",
    .tp_basicsize = sizeof(HLTracebackObject),
    .tp_dealloc = tb_dealloc,
    .tp_getattro = hl_object_generic_getattr,
    .tp_flags = HL_TPFLAGS_HAVE_GC,
    .tp_traverse = tb_traverse,
    .tp_clear = tb_clear,
    .tp_members = tb_members,
};

/* ---- text helpers --------------------------------------------------------- */

void hl_str_write_stderr(hl_strbuf *out, HLObject *s)
{
    unsigned kind = HL_STR_KIND(s);
    const void *data = HL_STR_DATA(s);
    for (hl_ssize_t i = 0; i < HL_STR_LEN(s); i++) {
        uint32_t ch = hl_str_read(kind, data, i);
        char buf[4];
        if (ch < 0x80) {
            hl_sb_putc(out, (char)ch);
        } else if (ch < 0x800) {
            buf[0] = (char)(0xC0 | (ch >> 6));
            buf[1] = (char)(0x80 | (ch & 0x3F));
            hl_sb_append(out, buf, 2);
        } else if (ch >= 0xD800 && ch <= 0xDFFF) {
            /* sys.stderr's errors="backslashreplace" */
            hl_sb_printf(out, "\\u%04x", (unsigned)ch);
        } else if (ch < 0x10000) {
            buf[0] = (char)(0xE0 | (ch >> 12));
            buf[1] = (char)(0x80 | ((ch >> 6) & 0x3F));
            buf[2] = (char)(0x80 | (ch & 0x3F));
            hl_sb_append(out, buf, 3);
        } else {
            buf[0] = (char)(0xF0 | (ch >> 18));
            buf[1] = (char)(0x80 | ((ch >> 12) & 0x3F));
            buf[2] = (char)(0x80 | ((ch >> 6) & 0x3F));
            buf[3] = (char)(0x80 | (ch & 0x3F));
            hl_sb_append(out, buf, 4);
        }
    }
}

/* Characters in UTF-8 text (valid: checked by the caller). */
static hl_ssize_t utf8_chars(const char *s, size_t n)
{
    hl_ssize_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            count++;
    return count;
}

static int utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        uint32_t ch;
        const unsigned char *bad_end;
        const char *reason;
        int k = hl_utf8_decode_one(p, end, &ch, &bad_end, &reason);
        if (k == 0 || ch == 0)
            return 0;
        p += k;
    }
    return 1;
}

/* ---- tb_displayline ------------------------------------------------------- */

#define TB_SOURCE_LINE_INDENT 4
#define IS_WHITESPACE(c) ((c) == ' ' || (c) == '\t' || (c) == '\f')

/* print_error_location_carets */
static void print_error_location_carets(hl_strbuf *out, hl_ssize_t offset, hl_ssize_t start_offset,
                                        hl_ssize_t end_offset, hl_ssize_t right_start_offset,
                                        hl_ssize_t left_end_offset, char primary, char secondary)
{
    int special_chars = left_end_offset != -1 || right_start_offset != -1;
    while (++offset <= end_offset) {
        if (offset <= start_offset)
            hl_sb_putc(out, ' ');
        else if (special_chars && left_end_offset < offset && offset <= right_start_offset)
            hl_sb_putc(out, secondary);
        else
            hl_sb_putc(out, primary);
    }
    hl_sb_putc(out, '\n');
}

/* Whether a file name is "<string>"-like: CPython does not try to open
 * those (display_source_line_with_margin). */
static int is_pseudo_file(HLObject *filename)
{
    hl_ssize_t n = HL_STR_LEN(filename);
    return n > 0 && hl_str_read_char(filename, 0) == '<' && hl_str_read_char(filename, n - 1) == '>';
}

static void tb_displayline(hl_strbuf *out, HLTracebackObject *tb, const hl_frame_info *info)
{
    hl_sb_puts(out, "  File \"");
    if (info->filename)
        hl_str_write_stderr(out, info->filename);
    else
        hl_sb_puts(out, "???");
    hl_sb_printf(out, "\", line %d, in ", tb->tb_lineno);
    if (info->name)
        hl_str_write_stderr(out, info->name);
    else
        hl_sb_puts(out, "???");
    hl_sb_putc(out, '\n');

    /* display_source_line_with_margin */
    if (info->filename == NULL || hl_source_line_hook == NULL || is_pseudo_file(info->filename))
        return;
    hl_strbuf src = HL_STRBUF_INIT;
    if (!hl_source_line_hook(info->filename, tb->tb_lineno, &src) || src.failed ||
        !utf8_valid(src.s, src.len)) {
        hl_sb_free(&src);
        return;
    }
    const char *line = src.s ? src.s : "";
    size_t nbytes = src.len;
    size_t indent = 0; /* leading blanks are ASCII: bytes == characters */
    while (indent < nbytes && IS_WHITESPACE(line[indent]))
        indent++;
    hl_ssize_t truncation = (hl_ssize_t)indent - TB_SOURCE_LINE_INDENT;
    hl_sb_puts(out, "    ");
    hl_sb_append(out, line + indent, nbytes - indent);
    hl_sb_putc(out, '\n');

    /* The carets. */
    if (info->lineno < 0 || info->end_lineno < 0 || info->col_offset < 0 ||
        info->end_col_offset < 0)
        goto done;
    hl_ssize_t line_chars = utf8_chars(line, nbytes);
    hl_ssize_t start_offset = hl_byte_offset_to_character_offset(line, nbytes, info->col_offset);
    hl_ssize_t end_offset = hl_byte_offset_to_character_offset(line, nbytes, info->end_col_offset);
    hl_ssize_t left_end_offset = -1, right_start_offset = -1;
    char primary = '^', secondary = '^';
    if (info->lineno == info->end_lineno) {
        hl_extract_anchors_from_line(line, nbytes, start_offset, end_offset, &left_end_offset,
                                     &right_start_offset, &primary, &secondary);
    } else {
        /* Multi-line: up to the last non-blank character of this line.
         * CPython starts the scan of the UTF-8 bytes at the character
         * count, and so do we. */
        hl_ssize_t i = line_chars;
        while (--i >= 0)
            if (!IS_WHITESPACE(line[i]))
                break;
        end_offset = i + 1;
    }
    /* Elide the carets if they would underline the whole stripped line. */
    hl_ssize_t stripped_line_len = line_chars - truncation - TB_SOURCE_LINE_INDENT;
    int has_secondary_ranges = left_end_offset != -1 || right_start_offset != -1;
    if (end_offset - start_offset == stripped_line_len && !has_secondary_ranges)
        goto done;
    print_error_location_carets(out, truncation, start_offset, end_offset, right_start_offset,
                                left_end_offset, primary, secondary);
done:
    hl_sb_free(&src);
}

/* ---- tb_printinternal ----------------------------------------------------- */

#define TB_RECURSIVE_CUTOFF 3

static void tb_print_line_repeated(hl_strbuf *out, long cnt)
{
    cnt -= TB_RECURSIVE_CUTOFF;
    hl_sb_printf(out,
                 cnt > 1 ? "  [Previous line repeated %ld more times]\n"
                         : "  [Previous line repeated %ld more time]\n",
                 cnt);
}

static void tb_printinternal(HLTracebackObject *tb, hl_strbuf *out, long limit)
{
    long depth = 0;
    for (HLTracebackObject *tb1 = tb; tb1 != NULL; tb1 = tb1->tb_next)
        depth++;
    while (tb != NULL && depth > limit) {
        depth--;
        tb = tb->tb_next;
    }
    HLObject *last_file = NULL, *last_name = NULL;
    int last_line = -1;
    long cnt = 0;
    for (; tb != NULL; tb = tb->tb_next) {
        hl_frame_info info = HL_FRAME_INFO_INIT;
        if (hl_frame_info_hook && tb->tb_frame)
            hl_frame_info_hook(tb->tb_frame, tb->tb_lasti, &info);
        if (last_file == NULL || info.filename != last_file || last_line == -1 ||
            tb->tb_lineno != last_line || last_name == NULL || info.name != last_name) {
            if (cnt > TB_RECURSIVE_CUTOFF)
                tb_print_line_repeated(out, cnt);
            last_file = info.filename;
            last_line = tb->tb_lineno;
            last_name = info.name;
            cnt = 0;
        }
        cnt++;
        if (cnt <= TB_RECURSIVE_CUTOFF)
            tb_displayline(out, tb, &info);
    }
    if (cnt > TB_RECURSIVE_CUTOFF)
        tb_print_line_repeated(out, cnt);
}

void hl_traceback_print(HLObject *tb, long limit, hl_strbuf *out)
{
    if (tb == NULL || !HL_IS_TYPE(tb, &hl_traceback_type) || limit <= 0)
        return;
    hl_sb_puts(out, "Traceback (most recent call last):\n");
    tb_printinternal((HLTracebackObject *)tb, out, limit);
}

void hl_traceback_format(HLObject *tb, hl_strbuf *out)
{
    hl_traceback_print(tb, HL_TRACEBACK_LIMIT, out);
}
