#pragma once
// PEGTL grammar of the `view` and `materialized view` declarations (docs/dsl.md, "view,
// materialized view"). Part of grammar/schema_grammar.h, which includes it where the
// declarations begin: the rules use its lexical rules, SQL parentheses and table items. The
// actions are in compiler/parse_actions.inc, the messages of the `must` points in
// compiler/parse_messages.inc.

namespace schemac::grammar {

// [materialized] view [SCHEMA.]NAME [with (OPTION, ...)] as ( QUERY )
//   [with [local|cascaded] check option] [{ ITEMS }]
// ITEMS: `grant ...`, `index ...` (as a table's), `/// doc` + `column NAME` (a column comment).
struct view_begin : success {};
struct view_materialized : seq<kw<"materialized">, hs, kw<"view">> {};
struct view_kw : sor<view_materialized, kw<"view">> {};
struct view_name : qualified_name {};
struct view_option : ident {};
struct view_options_close : one<')'> {};
struct view_options : if_must<kw<"with">, hs, one<'('>, ws, view_option, ws,
                              star<one<','>, ws, must<view_option>, ws>, must<view_options_close>> {};
struct view_as : kw<"as"> {};
struct view_query : sql_parens {};
struct view_check_local : kw<"local"> {};
struct view_check_cascaded : kw<"cascaded"> {};
struct view_check_option
    : seq<kw<"with">, hs, opt<sor<view_check_local, view_check_cascaded>, hs>,
          if_must<kw<"check">, hs, kw<"option">>> {};
struct view_column_kw : kw<"column"> {};
struct view_column_name : ident {};
struct view_column_end : end_of_item {};
struct view_column_item : if_must<view_column_kw, hs, view_column_name, view_column_end> {};
struct view_item_keyword : any_kw<"column", "grant", "index"> {};
struct view_item_rule : seq<at<view_item_keyword>, sor<view_column_item, grant_item, index_item>> {};
struct view_item_reset : success {};
struct view_item : seq<item_begin, view_item_reset, must<view_item_rule>> {};
struct view_close : one<'}'> {};
struct view_unclosed : success {};
struct view_block_end : sor<seq<view_close, sor<end_of_line, trailing_garbage>>, view_unclosed> {};
struct view_open : one<'{'> {};
struct view_block : seq<view_open, gap,
                        star<not_at<body_stop>, sor<try_catch_type<syntax_error, view_item>,
                                                    item_recover>, gap>,
                        view_block_end> {};
struct view_end : end_of_line {};
struct view_tail : sor<seq<hs, view_block>, view_end> {};
struct view_decl : if_must<seq<view_begin, view_kw>, hs, view_name, opt<cs, view_options>, cs,
                           view_as, ws, view_query, opt<cs, view_check_option>, view_tail> {};

}  // namespace schemac::grammar
