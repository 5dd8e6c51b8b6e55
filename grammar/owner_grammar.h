#pragma once
// PEGTL grammar of the `owner` declaration (docs/dsl.md, "owner"). Part of
// grammar/schema_grammar.h, which includes it where the declarations begin: the rules use its
// lexical rules and types. The actions are in compiler/parse_actions.inc, the messages of the
// `must` points in compiler/parse_messages.inc.

namespace schemac::grammar {

// owner ROLE of KIND NAME[, KIND NAME ...]
// KIND NAME: `schema NAME`, `table [S.]NAME`, `[materialized] view [S.]NAME`, `enum [S.]NAME`,
// `function [S.]NAME[(TYPE, ...)]` (the argument types pick one of overloads).
struct owner_kw : kw<"owner"> {};
struct owner_role : ident {};
struct owner_of : kw<"of"> {};
struct owner_kind : sor<seq<kw<"materialized">, hs, kw<"view">>,
                        any_kw<"schema", "table", "view", "enum", "function">> {};
struct owner_name : qualified_name {};
struct owner_arg_type : type_core {};
struct owner_args_open : one<'('> {};
struct owner_args_close : one<')'> {};
struct owner_first_arg : sor<at<one<')'>>, owner_arg_type> {};
struct owner_args : seq<owner_args_open, ws, must<owner_first_arg>, ws,
                        star<one<','>, ws, must<owner_arg_type>, ws>, must<owner_args_close>> {};
struct owner_object_begin : success {};
struct owner_object : seq<owner_object_begin, owner_kind, hs, must<owner_name>, opt<hs, owner_args>> {};
struct owner_end : end_of_line {};
struct owner_decl : if_must<owner_kw, hs, owner_role, hs, owner_of, hs, owner_object,
                            star<hs, one<','>, ws, must<owner_object>>, owner_end> {};

}  // namespace schemac::grammar
