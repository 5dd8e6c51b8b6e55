#pragma once
// PEGTL grammar of the `trigger` declaration (docs/dsl.md, "trigger"). Part of
// grammar/schema_grammar.h, which includes it where the declarations begin: the rules use its
// lexical rules and identifiers. The actions are in compiler/parse_actions.inc, the messages of
// the `must` points in compiler/parse_messages.inc.

namespace schemac::grammar {

// trigger NAME before|after|instead of EVENT [or EVENT ...] on [SCHEMA.]TABLE
//   [referencing old|new table as NAME ...] [for [each] row|statement] [when ( SQL )]
//   execute function [SCHEMA.]FN([ 'arg', ... ]) [disabled]
/// Words after which a trigger declaration may continue on the next line.
struct trigger_clause_keyword
    : any_kw<"on", "referencing", "for", "when", "execute", "disabled"> {};
struct trigger_continuation
    : seq<opt<line_comment>, plus<line_break, hs, opt<line_comment>>, at<trigger_clause_keyword>> {};
/// Separator before a trigger clause: blanks, or a line continuation.
struct tcs : seq<hs, opt<trigger_continuation>> {};
struct trigger_kw : kw<"trigger"> {};
struct trigger_name : ident {};
struct trigger_before : kw<"before"> {};
struct trigger_after : kw<"after"> {};
struct trigger_instead_of : if_must<kw<"instead">, hs, kw<"of">> {};
struct trigger_timing : sor<trigger_before, trigger_after, trigger_instead_of> {};
struct trigger_update_column : ident {};
struct trigger_update_of
    : if_must<kw<"of">, hs, trigger_update_column,
              star<hs, one<','>, hs, must<trigger_update_column>>> {};
struct trigger_insert : kw<"insert"> {};
struct trigger_update : seq<kw<"update">, opt<hs, trigger_update_of>> {};
struct trigger_delete : kw<"delete"> {};
struct trigger_truncate : kw<"truncate"> {};
struct trigger_event : sor<trigger_insert, trigger_update, trigger_delete, trigger_truncate> {};
struct trigger_events : seq<trigger_event, star<hs, kw<"or">, hs, must<trigger_event>>> {};
struct trigger_table : qualified_name {};
struct trigger_on : if_must<kw<"on">, hs, trigger_table> {};
struct trigger_old : kw<"old"> {};
struct trigger_new : kw<"new"> {};
struct trigger_transition_kind : sor<trigger_old, trigger_new> {};
struct trigger_transition_name : ident {};
struct trigger_transition : if_must<trigger_transition_kind, hs, kw<"table">, hs, kw<"as">, hs,
                                    trigger_transition_name> {};
struct trigger_referencing : if_must<kw<"referencing">, hs, trigger_transition,
                                     star<hs, trigger_transition>> {};
struct trigger_row : kw<"row"> {};
struct trigger_statement : kw<"statement"> {};
struct trigger_level : sor<trigger_row, trigger_statement> {};
struct trigger_for : if_must<kw<"for">, hs, opt<kw<"each">, hs>, trigger_level> {};
struct trigger_when_sql : sql_parens {};
struct trigger_when : if_must<kw<"when">, hs, trigger_when_sql> {};
struct trigger_function : qualified_name {};
struct trigger_arg : string_lit {};
struct trigger_args_close : one<')'> {};
struct trigger_args_open : one<'('> {};
struct trigger_args : seq<trigger_args_open, ws,
                          opt<trigger_arg, ws, star<one<','>, ws, must<trigger_arg>, ws>>,
                          must<trigger_args_close>> {};
struct trigger_execute_kw : kw<"execute"> {};
struct trigger_function_kw : sor<kw<"function">, kw<"procedure">> {};
struct trigger_execute : if_must<trigger_execute_kw, hs, trigger_function_kw, hs, trigger_function,
                                 hs, trigger_args> {};
struct trigger_disabled : kw<"disabled"> {};
struct trigger_end : end_of_line {};
struct trigger_decl
    : if_must<trigger_kw, hs, trigger_name, hs, trigger_timing, hs, trigger_events, tcs, trigger_on,
              opt<tcs, trigger_referencing>, opt<tcs, trigger_for>, opt<tcs, trigger_when>, tcs,
              trigger_execute, opt<tcs, trigger_disabled>, trigger_end> {};


}  // namespace schemac::grammar
