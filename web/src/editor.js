/*
 * editor.js — the code editor of a cell: CodeMirror 6 with Python
 * highlighting, put together from its packages rather than `basicSetup`
 * to stay small.  Colours come from CSS variables, so one highlight style
 * serves the light and the dark theme.
 *
 *   const view = createEditor(parent, source, { onRun(), onRunAndAdvance(), onEscape(), label, language })
 *   (language: Python unless null, plain text for markdown cells)
 *   view.state.doc.toString()
 */
import { EditorView, keymap, drawSelection, highlightActiveLine, highlightSpecialChars } from '@codemirror/view';
import { EditorState, Prec } from '@codemirror/state';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { HighlightStyle, syntaxHighlighting, indentOnInput, bracketMatching } from '@codemirror/language';
/* The language alone: python() would add completion sources (and the
 * autocomplete package) that these cells do not use. */
import { pythonLanguage } from '@codemirror/lang-python';
import { tags as t } from '@lezer/highlight';

const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword, t.operatorKeyword], color: 'var(--syn-keyword)' },
  { tag: [t.string, t.special(t.string)], color: 'var(--syn-string)' },
  { tag: [t.number, t.bool, t.null], color: 'var(--syn-number)' },
  { tag: [t.comment, t.lineComment], color: 'var(--syn-comment)', fontStyle: 'italic' },
  { tag: [t.function(t.variableName), t.function(t.definition(t.variableName))], color: 'var(--syn-function)' },
  { tag: [t.className, t.definition(t.className)], color: 'var(--syn-class)' },
  { tag: [t.self, t.special(t.variableName)], color: 'var(--syn-builtin)' },
]);

const theme = EditorView.theme({
  '&': { backgroundColor: 'var(--code-bg)', color: 'var(--fg)' },
  '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--fg)', padding: '6px 0' },
  '.cm-cursor': { borderLeftColor: 'var(--fg)' },
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '-1px' },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--selection) !important' },
  '&:not(.cm-focused) .cm-activeLine': { backgroundColor: 'transparent' },
  '.cm-matchingBracket': { backgroundColor: 'var(--selection)', outline: 'none' },
});

export function createEditor(parent, source, { onRun, onRunAndAdvance, onEscape, label = 'Code cell', language = pythonLanguage } = {}) {
  const run = (f) => () => { f?.(); return true; };
  return new EditorView({
    parent,
    state: EditorState.create({
      doc: source,
      extensions: [
        Prec.highest(keymap.of([
          { key: 'Shift-Enter', run: run(onRunAndAdvance) },
          { key: 'Ctrl-Enter', run: run(onRun) },
          { key: 'Mod-Enter', run: run(onRun) },
          ...(onEscape ? [{ key: 'Escape', run: run(onEscape) }] : []),
        ])),
        history(), drawSelection(), highlightSpecialChars(), highlightActiveLine(),
        indentOnInput(), bracketMatching(),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        language ?? [], syntaxHighlighting(highlight), theme,
        EditorState.tabSize.of(4),
        EditorView.contentAttributes.of({ 'aria-label': label }),
      ],
    }),
  });
}
