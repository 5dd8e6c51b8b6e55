#pragma once
// PEGTL grammar of the `domain` and composite `type` declarations (docs/dsl.md, "domain",
// "type (composite)"). Part of grammar/schema_grammar.h, which includes it where the
// declarations begin: the rules use its lexical rules, types, defaults and SQL parentheses. The
// actions are in compiler/parse_actions_types.inc, the messages of the `must` points in
// compiler/parse_messages.inc.

namespace schemac::grammar {

// domain [SCHEMA.]NAME as TYPE [collate C] [default EXPR] [not null]
//   [constraint NAME check (EXPR)] [check (EXPR)] ...
// Clauses may continue on the following lines (a line that starts with a clause word).
struct domain_kw : kw<"domain"> {};
struct domain_name : qualified_name {};
struct domain_as : kw<"as"> {};
struct domain_type : type_core {};
struct domain_collate : if_must<kw<"collate">, hs, collation_name> {};
struct domain_default : if_must<kw<"default">, hs, default_value> {};
struct domain_not_null : seq<kw<"not">, hs, kw<"null">> {};
struct domain_check_name : ident {};
struct domain_check_sql : sql_parens {};
struct domain_check_body : if_must<kw<"check">, hs, domain_check_sql> {};
struct domain_named_check : if_must<kw<"constraint">, hs, domain_check_name, hs, domain_check_body> {};
struct domain_check : sor<domain_named_check, domain_check_body> {};
struct domain_clause : sor<domain_collate, domain_default, domain_not_null, domain_check> {};
struct domain_end : end_of_line {};
struct domain_decl : if_must<domain_kw, hs, domain_name, hs, domain_as, hs, domain_type,
                             star<ws, domain_clause>, domain_end> {};

// type [SCHEMA.]NAME as ( ATTR TYPE [collate C], ... )
struct composite_kw : kw<"type"> {};
struct composite_name : qualified_name {};
struct composite_as : kw<"as"> {};
struct composite_attr_name : ident {};
struct composite_attr_type : type_core {};
struct composite_attr_collate : if_must<kw<"collate">, hs, collation_name> {};
struct composite_attr : seq<composite_attr_name, hs, must<composite_attr_type>,
                            opt<hs, composite_attr_collate>> {};
struct composite_open : one<'('> {};
struct composite_close : one<')'> {};
struct composite_first_attr : sor<composite_attr, at<one<')'>>> {};
struct composite_attrs : seq<composite_open, ws, must<composite_first_attr>, ws,
                             star<one<','>, ws, must<composite_attr>, ws>,
                             must<composite_close>> {};
struct composite_end : end_of_line {};
struct composite_decl : if_must<composite_kw, hs, composite_name, hs, composite_as, ws,
                                composite_attrs, composite_end> {};

}  // namespace schemac::grammar
