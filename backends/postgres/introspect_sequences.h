#pragma once
// Introspection of sequences (pg_sequence), for the Reader of introspect.cc: the query and the
// reading of its rows. Read: the options of each identity column's sequence (the sequence
// itself is the column's: it has no name in the IR) into `Column::identity_options`; every
// other sequence of the schemas read into `Schema::sequences`, but a serial column's own (named
// `<table>_<column>_seq`, owned by the column whose default calls it), which is its column's.

#include <string>

#include "compiler/ir.h"

namespace pqxx {
class result;
}  // namespace pqxx

namespace schemac::pg {

/// The sequence query; $1 is the array of the schemas' oids.
std::string SequencesSql();

/// Reads the rows of SequencesSql into the columns of `schema.tables` (read before) and into
/// `schema.sequences`, sorted by name.
void ReadSequences(const pqxx::result& rows, ir::Schema& schema);

}  // namespace schemac::pg
