#pragma once
// PEGTL grammar of the `sequence` declaration (docs/dsl.md, "sequence"). Part of
// grammar/schema_grammar.h, which includes it where the declarations begin: the rules use its
// lexical rules and the sequence options of identity columns (seq_option). The actions are in
// compiler/parse_actions.inc, the messages of the `must` points in compiler/parse_messages.inc.

namespace schemac::grammar {

// sequence [SCHEMA.]NAME [renamed from OLD] [{ ITEMS }]
// ITEMS, one a line: `as smallint|integer|bigint`, `start N`, `increment N`, `minvalue N`,
// `maxvalue N`, `cache N`, `cycle`, `owned by TABLE.COLUMN`, `grant PRIVILEGE, ... to ROLE, ...`.
struct sequence_begin : success {};
struct sequence_kw : kw<"sequence"> {};
struct sequence_name : qualified_name {};
struct sequence_old_name : ident {};
struct sequence_renamed : if_must<kw<"renamed">, hs, kw<"from">, hs, sequence_old_name> {};
struct sequence_type : ident {};
struct sequence_as : if_must<kw<"as">, hs, sequence_type> {};
struct sequence_owned_table : ident {};
struct sequence_owned_column : ident {};
struct sequence_owned_dot : one<'.'> {};
struct sequence_owned : if_must<kw<"owned">, hs, kw<"by">, hs, sequence_owned_table,
                                sequence_owned_dot, sequence_owned_column> {};
struct sequence_privilege : sor<kw<"usage">, kw<"select">, kw<"update">> {};
struct sequence_grant_role : ident {};
struct sequence_grant_kw : kw<"grant"> {};
struct sequence_grant
    : if_must<sequence_grant_kw, hs, sequence_privilege,
              star<hs, one<','>, hs, must<sequence_privilege>>, hs, kw<"to">, hs,
              sequence_grant_role, star<hs, one<','>, hs, must<sequence_grant_role>>> {};
struct sequence_item_rule : sor<sequence_as, seq_option, sequence_owned, sequence_grant> {};
struct sequence_item_end : end_of_item {};
struct sequence_item : seq<item_begin, must<sequence_item_rule>, must<sequence_item_end>> {};
struct sequence_close : one<'}'> {};
struct sequence_unclosed : success {};
struct sequence_block_end
    : sor<seq<sequence_close, sor<end_of_line, trailing_garbage>>, sequence_unclosed> {};
struct sequence_open : one<'{'> {};
struct sequence_block
    : seq<sequence_open, gap,
          star<not_at<body_stop>, sor<try_catch_type<syntax_error, sequence_item>, item_recover>,
               gap>,
          sequence_block_end> {};
struct sequence_end : end_of_line {};
struct sequence_tail : sor<seq<hs, sequence_block>, sequence_end> {};
struct sequence_decl : if_must<seq<sequence_begin, sequence_kw>, hs, sequence_name,
                               opt<cs, sequence_renamed>, sequence_tail> {};

}  // namespace schemac::grammar
