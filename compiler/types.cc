#include "compiler/types.h"

#include <array>
#include <cstdint>
#include <map>

namespace schemac {

namespace {

using F = TypeFamily;

TypeInfo Make(std::string_view name, std::string_view extension, F family, int max_modifiers = 0,
              int64_t min_modifier = 0, int64_t max_modifier = 0, bool collatable = false) {
  TypeInfo info;
  info.name = name;
  info.extension = extension;
  info.family = family;
  info.max_modifiers = max_modifiers;
  info.min_modifier = min_modifier;
  info.max_modifier = max_modifier;
  info.collatable = collatable;
  return info;
}

struct Entry {
  std::string_view alias;
  TypeInfo info;
};

const std::vector<Entry>& Entries() {
  static const std::vector<Entry> entries = [] {
    const TypeInfo smallint = Make("smallint", "", F::kInteger);
    const TypeInfo integer = Make("integer", "", F::kInteger);
    const TypeInfo bigint = Make("bigint", "", F::kInteger);
    const TypeInfo numeric = Make("numeric", "", F::kNumeric, 2, 1, 1000);
    const TypeInfo real = Make("real", "", F::kFloat);
    const TypeInfo dbl = Make("double precision", "", F::kFloat);
    const TypeInfo varchar = Make("character varying", "", F::kString, 1, 1, 10485760, true);
    TypeInfo character = Make("character", "", F::kString, 1, 1, 10485760, true);
    character.default_modifiers = {1};
    const TypeInfo boolean = Make("boolean", "", F::kBoolean);
    const TypeInfo time = Make("time without time zone", "", F::kTime, 1, 0, 6);
    const TypeInfo timetz = Make("time with time zone", "", F::kTime, 1, 0, 6);
    const TypeInfo timestamp = Make("timestamp without time zone", "", F::kTime, 1, 0, 6);
    const TypeInfo timestamptz = Make("timestamp with time zone", "", F::kTime, 1, 0, 6);
    TypeInfo bit = Make("bit", "", F::kOther, 1, 1, 83886080);
    bit.default_modifiers = {1};
    const TypeInfo varbit = Make("bit varying", "", F::kOther, 1, 1, 83886080);
    auto serial = [](TypeInfo info, std::string_view of) {
      info.serial_of = of;
      return info;
    };
    auto plain = [](std::string_view name, F family = F::kOther) {
      return Make(name, "", family);
    };
    auto vec = [](std::string_view name, int64_t max) {
      return Make(name, "vector", F::kVector, 1, 1, max);
    };
    TypeInfo text = Make("text", "", F::kString, 0, 0, 0, true);
    TypeInfo citext = Make("citext", "citext", F::kString, 0, 0, 0, true);
    TypeInfo bpchar = Make("bpchar", "", F::kString, 1, 1, 10485760, true);
    TypeInfo name = Make("name", "", F::kString, 0, 0, 0, true);
    return std::vector<Entry>{
        {"smallint", smallint},
        {"int2", smallint},
        {"integer", integer},
        {"int", integer},
        {"int4", integer},
        {"bigint", bigint},
        {"int8", bigint},
        {"smallserial", serial(smallint, "smallint")},
        {"serial2", serial(smallint, "smallint")},
        {"serial", serial(integer, "integer")},
        {"serial4", serial(integer, "integer")},
        {"bigserial", serial(bigint, "bigint")},
        {"serial8", serial(bigint, "bigint")},
        {"numeric", numeric},
        {"decimal", numeric},
        {"real", real},
        {"float4", real},
        {"double precision", dbl},
        {"float8", dbl},
        {"float", Make("double precision", "", F::kFloat, 1, 1, 53)},
        {"money", plain("money")},
        {"text", text},
        {"character varying", varchar},
        {"varchar", varchar},
        {"character", character},
        {"char", character},
        {"bpchar", bpchar},
        {"name", name},
        {"citext", citext},
        {"boolean", boolean},
        {"bool", boolean},
        {"uuid", plain("uuid")},
        {"date", plain("date", F::kTime)},
        {"time", time},
        {"time without time zone", time},
        {"timetz", timetz},
        {"time with time zone", timetz},
        {"timestamp", timestamp},
        {"timestamp without time zone", timestamp},
        {"timestamptz", timestamptz},
        {"timestamp with time zone", timestamptz},
        {"interval", Make("interval", "", F::kTime, 1, 0, 6)},
        {"bytea", plain("bytea")},
        {"json", plain("json")},
        {"jsonb", plain("jsonb")},
        {"xml", plain("xml")},
        {"inet", plain("inet")},
        {"cidr", plain("cidr")},
        {"macaddr", plain("macaddr")},
        {"macaddr8", plain("macaddr8")},
        {"bit", bit},
        {"bit varying", varbit},
        {"varbit", varbit},
        {"tsvector", plain("tsvector")},
        {"tsquery", plain("tsquery")},
        {"oid", plain("oid")},
        {"pg_lsn", plain("pg_lsn")},
        {"point", plain("point")},
        {"line", plain("line")},
        {"lseg", plain("lseg")},
        {"box", plain("box")},
        {"path", plain("path")},
        {"polygon", plain("polygon")},
        {"circle", plain("circle")},
        {"int4range", plain("int4range")},
        {"int8range", plain("int8range")},
        {"numrange", plain("numrange")},
        {"tsrange", plain("tsrange")},
        {"tstzrange", plain("tstzrange")},
        {"daterange", plain("daterange")},
        {"int4multirange", plain("int4multirange")},
        {"int8multirange", plain("int8multirange")},
        {"nummultirange", plain("nummultirange")},
        {"tsmultirange", plain("tsmultirange")},
        {"tstzmultirange", plain("tstzmultirange")},
        {"datemultirange", plain("datemultirange")},
        {"vector", vec("vector", 16000)},
        {"halfvec", vec("halfvec", 16000)},
        {"sparsevec", vec("sparsevec", 1000000000)},
    };
  }();
  return entries;
}

// FNV-1a, inline: FindType runs for every column, and std::hash of a short name cost more than
// the rest of the lookup.
constexpr size_t HashName(std::string_view name) {
  uint32_t hash = 2166136261u;
  for (char c : name) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
  return hash;
}

}  // namespace

const TypeInfo* FindType(std::string_view name) {
  // Open addressing (79 entries in 512 slots); a later entry with the same alias replaces the
  // earlier one.
  constexpr size_t kSlots = 512;
  static const std::array<const Entry*, kSlots> slots = [] {
    std::array<const Entry*, kSlots> table{};
    for (const Entry& entry : Entries()) {
      size_t i = HashName(entry.alias);
      while (table[i % kSlots] != nullptr && table[i % kSlots]->alias != entry.alias) ++i;
      table[i % kSlots] = &entry;
    }
    return table;
  }();
  size_t i = HashName(name);
  for (size_t probes = 0; probes < kSlots; ++probes, ++i) {
    const Entry* entry = slots[i % kSlots];
    if (entry == nullptr) return nullptr;
    if (entry->alias == name) return &entry->info;
  }
  return nullptr;
}

const std::vector<std::string>& KnownTypeNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const Entry& entry : Entries()) out.emplace_back(entry.alias);
    return out;
  }();
  return names;
}

std::string_view FloatPrecisionType(int64_t precision) {
  return precision <= 24 ? "real" : "double precision";
}

bool ForeignKeyCompatible(const TypeInfo* a, std::string_view a_name, const TypeInfo* b,
                          std::string_view b_name) {
  if (a_name == b_name) return true;
  if (a == nullptr || b == nullptr) return false;
  if (a->family != b->family) {
    auto number = [](F f) { return f == F::kInteger || f == F::kNumeric; };
    return number(a->family) && number(b->family);
  }
  return a->family == F::kInteger || a->family == F::kString || a->family == F::kNumeric ||
         a->family == F::kFloat;
}

}  // namespace schemac
