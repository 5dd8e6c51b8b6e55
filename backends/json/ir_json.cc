#include "backends/json/ir_json.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

namespace schemac::json {

using Json = nlohmann::ordered_json;

namespace {

// Optional keys are left out rather than written as null or "", so the output only grows when
// a schema uses a feature.
void PutIfNotEmpty(Json& out, const char* key, const std::string& value) {
  if (!value.empty()) out[key] = value;
}

void PutIfTrue(Json& out, const char* key, bool value) {
  if (value) out[key] = true;
}

void PutIfSet(Json& out, const char* key, const std::optional<std::string>& value) {
  if (value) out[key] = *value;
}

template <typename T, typename F>
Json ArrayJson(const std::vector<T>& items, F to_json) {
  Json out = Json::array();
  for (const T& item : items) out.push_back(to_json(item));
  return out;
}

// The names enums are written by, shared with the reader so that the two cannot drift apart.
// (FkAction, PolicyCommand, Identity and Generated are written by ir::ToString.)
template <typename E>
struct EnumName {
  const char* name = "";
  E value{};
};

constexpr std::array<EnumName<ir::Target>, 2> kTargetNames{{
    {"postgres", ir::Target::kPostgres},
    {"supabase", ir::Target::kSupabase},
}};
constexpr std::array<EnumName<ir::TypeKind>, 4> kTypeKindNames{{
    {"builtin", ir::TypeKind::kBuiltin},
    {"enum", ir::TypeKind::kEnum},
    {"extension", ir::TypeKind::kExtension},
    {"other", ir::TypeKind::kOther},
}};
constexpr std::array<EnumName<ir::SortOrder>, 2> kSortOrderNames{{
    {"asc", ir::SortOrder::kAsc},
    {"desc", ir::SortOrder::kDesc},
}};
constexpr std::array<EnumName<bool>, 2> kNullsFirstNames{{{"last", false}, {"first", true}}};
constexpr std::array<EnumName<ir::ReplicaIdentity>, 2> kReplicaIdentityNames{{
    {"default", ir::ReplicaIdentity::kDefault},
    {"full", ir::ReplicaIdentity::kFull},
}};

template <typename E, size_t N>
const char* NameOf(const std::array<EnumName<E>, N>& names, E value) {
  for (const EnumName<E>& name : names) {
    if (name.value == value) return name.name;
  }
  return names[0].name;  // Unreachable for a valid enum value.
}

Json ExtensionJson(const ir::Extension& extension) {
  Json out = Json::object();
  out["name"] = extension.name;
  out["schema"] = extension.schema;
  out["version"] = extension.version;
  out["extern"] = extension.is_extern;
  return out;
}

Json EnumJson(const ir::Enum& enum_type) {
  Json out = Json::object();
  out["schema"] = enum_type.name.schema;
  out["name"] = enum_type.name.name;
  Json values = Json::array();
  for (const ir::EnumValue& value : enum_type.values) {
    Json value_json = Json::object();
    value_json["label"] = value.label;
    PutIfSet(value_json, "renamed_from", value.renamed_from);
    values.push_back(std::move(value_json));
  }
  out["values"] = std::move(values);
  PutIfNotEmpty(out, "comment", enum_type.comment);
  return out;
}

Json ColumnJson(const ir::Column& column) {
  Json out = Json::object();
  out["name"] = column.name;
  out["type"] = column.type.ToSql();
  out["type_kind"] = NameOf(kTypeKindNames, column.type.kind);
  out["nullable"] = column.nullable;
  PutIfNotEmpty(out, "default", column.default_sql);
  if (column.identity != ir::Identity::kNone) out["identity"] = ir::ToString(column.identity);
  if (column.generated != ir::Generated::kNone) {
    Json generated = Json::object();
    generated["kind"] = ir::ToString(column.generated);
    generated["expression"] = column.generated_sql;
    out["generated"] = std::move(generated);
  }
  PutIfNotEmpty(out, "collation", column.collation);
  PutIfSet(out, "renamed_from", column.renamed_from);
  PutIfNotEmpty(out, "comment", column.comment);
  if (!column.not_null_name.empty() || column.not_null_no_inherit || column.not_null_not_valid) {
    Json not_null = Json::object();
    PutIfNotEmpty(not_null, "name", column.not_null_name);
    PutIfTrue(not_null, "no_inherit", column.not_null_no_inherit);
    PutIfTrue(not_null, "not_valid", column.not_null_not_valid);
    out["not_null"] = std::move(not_null);
  }
  return out;
}

Json PrimaryKeyJson(const std::optional<ir::PrimaryKey>& primary_key) {
  if (!primary_key) return nullptr;
  Json out = Json::object();
  out["name"] = primary_key->name;
  out["columns"] = primary_key->columns;
  return out;
}

Json UniqueJson(const ir::UniqueConstraint& unique) {
  Json out = Json::object();
  out["name"] = unique.name;
  out["columns"] = unique.columns;
  PutIfTrue(out, "nulls_not_distinct", unique.nulls_not_distinct);
  return out;
}

Json CheckJson(const ir::CheckConstraint& check) {
  Json out = Json::object();
  out["name"] = check.name;
  out["expression"] = check.expression;
  PutIfTrue(out, "no_inherit", check.no_inherit);
  PutIfTrue(out, "not_valid", check.not_valid);
  return out;
}

Json ForeignKeyJson(const ir::ForeignKey& fk) {
  Json out = Json::object();
  out["name"] = fk.name;
  out["columns"] = fk.columns;
  Json references = Json::object();
  references["schema"] = fk.ref_table.schema;
  references["name"] = fk.ref_table.name;
  references["columns"] = fk.ref_columns;
  out["references"] = std::move(references);
  out["on_delete"] = ir::ToString(fk.on_delete);
  out["on_update"] = ir::ToString(fk.on_update);
  PutIfTrue(out, "deferrable", fk.deferrable);
  PutIfTrue(out, "initially_deferred", fk.initially_deferred);
  PutIfTrue(out, "not_valid", fk.not_valid);
  return out;
}

Json IndexKeyJson(const ir::IndexKey& key) {
  Json out = Json::object();
  if (!key.column.empty()) {
    out["column"] = key.column;
  } else {
    out["expression"] = key.expression;
  }
  PutIfNotEmpty(out, "collation", key.collation);
  PutIfNotEmpty(out, "opclass", key.opclass);
  // Introspected keys name their operator class even when it is the default one; without the
  // flag a schema read back from JSON would spell the default class out in CREATE INDEX.
  PutIfTrue(out, "opclass_is_default", key.opclass_is_default);
  out["order"] = NameOf(kSortOrderNames, key.order);
  out["nulls"] = NameOf(kNullsFirstNames, key.nulls_first);
  return out;
}

Json IndexJson(const ir::Index& index) {
  Json out = Json::object();
  out["name"] = index.name;
  out["unique"] = index.unique;
  out["method"] = index.method;
  Json keys = Json::array();
  for (const ir::IndexKey& key : index.keys) keys.push_back(IndexKeyJson(key));
  out["keys"] = std::move(keys);
  if (!index.include.empty()) out["include"] = index.include;
  PutIfTrue(out, "nulls_not_distinct", index.nulls_not_distinct);
  if (!index.with.empty()) {
    Json with = Json::object();
    for (const auto& [key, value] : index.with) with[key] = value;
    out["with"] = std::move(with);
  }
  PutIfNotEmpty(out, "where", index.where);
  return out;
}

Json PolicyJson(const ir::Policy& policy) {
  Json out = Json::object();
  out["name"] = policy.name;
  out["permissive"] = policy.permissive;
  out["command"] = ir::ToString(policy.command);
  out["roles"] = policy.roles;
  PutIfNotEmpty(out, "using", policy.using_expr);
  PutIfNotEmpty(out, "with_check", policy.with_check);
  PutIfNotEmpty(out, "comment", policy.comment);
  return out;
}

Json GrantJson(const ir::Grant& grant) {
  Json out = Json::object();
  out["role"] = grant.role;
  out["privileges"] = grant.privileges;
  return out;
}

Json PublicationMemberJson(const ir::PublicationMember& member) {
  Json out = Json::object();
  out["name"] = member.name;
  if (!member.columns.empty()) out["columns"] = member.columns;
  PutIfNotEmpty(out, "where", member.row_filter);
  return out;
}

Json TableJson(const ir::Table& table) {
  Json out = Json::object();
  out["schema"] = table.name.schema;
  out["name"] = table.name.name;
  PutIfSet(out, "renamed_from", table.renamed_from);
  PutIfTrue(out, "extern", table.is_extern);
  PutIfNotEmpty(out, "comment", table.comment);
  out["columns"] = ArrayJson(table.columns, ColumnJson);
  out["primary_key"] = PrimaryKeyJson(table.primary_key);
  out["uniques"] = ArrayJson(table.uniques, UniqueJson);
  out["checks"] = ArrayJson(table.checks, CheckJson);
  out["foreign_keys"] = ArrayJson(table.foreign_keys, ForeignKeyJson);
  out["indexes"] = ArrayJson(table.indexes, IndexJson);
  Json rls = Json::object();
  rls["enabled"] = table.rls_enabled;
  rls["forced"] = table.rls_forced;
  out["rls"] = std::move(rls);
  out["policies"] = ArrayJson(table.policies, PolicyJson);
  out["grants"] = ArrayJson(table.grants, GrantJson);
  out["publications"] = ArrayJson(table.publications, PublicationMemberJson);
  out["replica_identity"] = NameOf(kReplicaIdentityNames, table.replica_identity);
  return out;
}

Json RoleJson(const ir::Role& role) {
  Json out = Json::object();
  out["name"] = role.name;
  out["extern"] = role.is_extern;
  return out;
}

Json PublicationJson(const ir::Publication& publication) {
  Json out = Json::object();
  out["name"] = publication.name;
  out["extern"] = publication.is_extern;
  return out;
}

}  // namespace

Json ToJson(const ir::Schema& schema) {
  Json out = Json::object();
  out["target"] = NameOf(kTargetNames, schema.target);
  out["schemas"] = schema.schemas;
  out["extensions"] = ArrayJson(schema.extensions, ExtensionJson);
  out["enums"] = ArrayJson(schema.enums, EnumJson);
  out["tables"] = ArrayJson(schema.tables, TableJson);
  out["roles"] = ArrayJson(schema.roles, RoleJson);
  out["publications"] = ArrayJson(schema.publications, PublicationJson);
  return out;
}

std::string ToJsonText(const ir::Schema& schema) {
  // Schema text is checked to be UTF-8 when parsed; replace rather than throw if a bug let
  // anything else through.
  const auto replace = nlohmann::ordered_json::error_handler_t::replace;
  return ToJson(schema).dump(2, ' ', false, replace) + "\n";
}

// ---- Reading ---------------------------------------------------------------------------------
//
// FromJsonText reads the text in one pass straight into the IR, with no document in between
// (building nlohmann's DOM first took most of the time on large schemas). Keys are checked as
// they come, so an unknown, duplicated or missing key is reported with its path.

namespace {

// Where a value sits in the document, linked through the C++ stack so that no string is built
// unless an error is reported.
struct Path {
  const Path* parent = nullptr;
  std::string_view key;  // An object member, or
  size_t index = 0;      // an array element when is_index.
  bool is_index = false;

  Path Member(std::string_view name) const { return Path{this, name, 0, false}; }
  Path Element(size_t i) const { return Path{this, {}, i, true}; }

  std::string ToString() const {
    if (parent == nullptr) return "";
    std::string out = parent->ToString();
    if (is_index) return out + "[" + std::to_string(index) + "]";
    if (!out.empty()) out += '.';
    out += key;
    return out;
  }
};

[[noreturn]] void Fail(const Path& path, const std::string& message) {
  std::string where = path.ToString();
  throw std::runtime_error((where.empty() ? std::string("top level") : where) + ": " + message);
}

// As a JSON string, so that quotes and control characters in the input stay readable.
std::string Quoted(std::string_view text) {
  return Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
}

// Names for the enums written by ir::ToString, in ToJson's spelling by construction.
template <typename E, size_t N>
std::array<EnumName<E>, N> NamedByToString(const std::array<E, N>& values) {
  std::array<EnumName<E>, N> out;
  for (size_t i = 0; i < N; ++i) out[i] = {ir::ToString(values[i]), values[i]};
  return out;
}

const auto kFkActionNames = NamedByToString<ir::FkAction, 5>(
    {ir::FkAction::kNoAction, ir::FkAction::kRestrict, ir::FkAction::kCascade,
     ir::FkAction::kSetNull, ir::FkAction::kSetDefault});
const auto kPolicyCommandNames = NamedByToString<ir::PolicyCommand, 5>(
    {ir::PolicyCommand::kAll, ir::PolicyCommand::kSelect, ir::PolicyCommand::kInsert,
     ir::PolicyCommand::kUpdate, ir::PolicyCommand::kDelete});
// ToJson leaves out "none": the key is absent then.
const auto kIdentityNames =
    NamedByToString<ir::Identity, 2>({ir::Identity::kAlways, ir::Identity::kByDefault});
const auto kGeneratedNames =
    NamedByToString<ir::Generated, 2>({ir::Generated::kStored, ir::Generated::kVirtual});

// The keys ToJson writes for one kind of object; required ones are always written.
constexpr bool kRequired = true;
constexpr bool kOptional = false;

struct Key {
  std::string_view name;
  bool required;
};

template <size_t N>
using Keys = std::array<Key, N>;

// A strict JSON reader (RFC 8259: UTF-8 checked, no comments, no trailing commas) driven by
// the shape of the document: each call reads the value it expects or throws.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  std::string String(const Path& path) {
    if (Peek() != '"') TypeError(path, "expected a string");
    std::string out;
    ReadString(&out);
    return out;
  }

  bool Bool(const Path& path) {
    char c = Peek();
    if (c != 't' && c != 'f') TypeError(path, "expected true or false");
    Literal(c == 't' ? "true" : "false");
    return c == 't';
  }

  // Reads `null` if it comes next.
  bool Null() {
    if (Peek() != 'n') return false;
    Literal("null");
    return true;
  }

  bool AtObject() { return Peek() == '{'; }

  template <typename E, size_t N>
  E Enum(const Path& path, const std::array<EnumName<E>, N>& names) {
    std::string text = String(path);
    for (const EnumName<E>& name : names) {
      if (text == name.name) return name.value;
    }
    std::string expected;
    for (size_t i = 0; i < N; ++i) {
      expected += i == 0 ? "" : i + 1 == N ? " or " : ", ";
      expected += Quoted(names[i].name);
    }
    Fail(path, "unknown value " + Quoted(text) + "; expected " + expected);
  }

  /// Calls `element(path)` for each element of an array.
  template <typename F>
  void Array(const Path& path, F element) {
    if (Peek() != '[') TypeError(path, "expected an array");
    ++pos_;
    if (Peek() == ']') {
      ++pos_;
      return;
    }
    for (size_t i = 0;; ++i) {
      element(path.Element(i));
      if (!Separator(']')) return;
    }
  }

  std::vector<std::string> Strings(const Path& path) {
    std::vector<std::string> out;
    Array(path, [&](const Path& at) { out.push_back(String(at)); });
    return out;
  }

  /// Calls `member(key, path)` for each member of an object, `key` being one of `keys`; any
  /// other key, a key given twice or a required key left out is an error.
  template <size_t N, typename F>
  void Object(const Path& path, const Keys<N>& keys, F member) {
    static_assert(N <= 32);
    uint32_t seen = 0;
    Members(path, [&](const std::string& key, const Path& key_path) {
      size_t i = 0;
      while (i < N && keys[i].name != key) ++i;
      if (i == N) Fail(key_path, "unknown key; expected one of " + KeyList(keys));
      if (seen & (1u << i)) Fail(key_path, "duplicate key");
      seen |= 1u << i;
      member(keys[i].name, path.Member(keys[i].name));
    });
    for (size_t i = 0; i < N; ++i) {
      if (keys[i].required && !(seen & (1u << i))) {
        Fail(path, "missing required key " + Quoted(keys[i].name));
      }
    }
  }

  /// Calls `member(key, path)` for each member of an object whose keys are data.
  template <typename F>
  void Members(const Path& path, F member) {
    if (Peek() != '{') TypeError(path, "expected an object");
    ++pos_;
    if (Peek() == '}') {
      ++pos_;
      return;
    }
    std::string key;
    while (true) {
      if (Peek() != '"') SyntaxError(pos_, "expected a key");
      key.clear();
      ReadString(&key);
      if (Peek() != ':') SyntaxError(pos_, "expected ':'");
      ++pos_;
      member(key, path.Member(key));
      if (!Separator('}')) return;
    }
  }

  // After an element: true at ',' (another one follows), false at `close`.
  bool Separator(char close) {
    char c = Peek();
    if (pos_ >= text_.size()) SyntaxError(pos_, "unexpected end of input");
    if (c != ',' && c != close) {
      SyntaxError(pos_, std::string("expected ',' or '") + close + "'");
    }
    ++pos_;
    return c == ',';
  }

  void End() {
    if (Peek() != '\0' || pos_ < text_.size()) {
      SyntaxError(pos_, "unexpected content after the document");
    }
  }

 private:
  // The next character after whitespace, '\0' at the end of the text.
  char Peek() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return c;
      ++pos_;
    }
    return '\0';
  }

  // A value of another type than `path` needs, or no value at all. The value itself is not
  // read, only its start checked (no key of the document holds a number, for one).
  [[noreturn]] void TypeError(const Path& path, const char* message) {
    char c = Peek();
    if (pos_ >= text_.size()) SyntaxError(pos_, "unexpected end of input");
    bool value = c == '"' || c == '{' || c == '[' || IsWord("true") || IsWord("false") ||
                 IsWord("null") || IsNumber();
    if (!value) SyntaxError(pos_, "expected a value");
    Fail(path, message);
  }

  // Whether a token ends at `at`: what may follow a value.
  bool Delimited(size_t at) const {
    constexpr std::string_view kDelimiters = " \t\n\r,]}";
    return at >= text_.size() || kDelimiters.find(text_[at]) != std::string_view::npos;
  }

  bool IsWord(std::string_view word) const {
    return text_.substr(pos_, word.size()) == word && Delimited(pos_ + word.size());
  }

  // Whether a number in JSON's grammar starts at pos_.
  bool IsNumber() const {
    size_t i = pos_;
    auto digit = [&](size_t at) {
      return at < text_.size() && text_[at] >= '0' && text_[at] <= '9';
    };
    if (i < text_.size() && text_[i] == '-') ++i;
    if (!digit(i)) return false;
    if (text_[i] == '0') {
      ++i;
    } else {
      while (digit(i)) ++i;
    }
    if (i < text_.size() && text_[i] == '.') {
      if (!digit(++i)) return false;
      while (digit(i)) ++i;
    }
    if (i < text_.size() && (text_[i] == 'e' || text_[i] == 'E')) {
      ++i;
      if (i < text_.size() && (text_[i] == '+' || text_[i] == '-')) ++i;
      if (!digit(i)) return false;
      while (digit(i)) ++i;
    }
    return Delimited(i);
  }

  [[noreturn]] void SyntaxError(size_t at, const std::string& message) {
    at = std::min(at, text_.size());
    size_t line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < at; ++i) {
      if (text_[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    }
    throw std::runtime_error("invalid JSON at line " + std::to_string(line) + ", column " +
                             std::to_string(at - line_start + 1) + ": " + message);
  }

  void Literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) SyntaxError(pos_, "expected a value");
    pos_ += word.size();
  }

  // A string at pos_ (at its opening quote), appended to `out` unescaped.
  void ReadString(std::string* out) {
    ++pos_;
    while (true) {
      size_t start = pos_;
      while (pos_ < text_.size() && IsPlain(text_[pos_])) ++pos_;
      out->append(text_.data() + start, pos_ - start);
      if (pos_ >= text_.size()) SyntaxError(pos_, "unterminated string");
      unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return;
      }
      if (c == '\\') {
        ReadEscape(out);
      } else if (c < 0x20) {
        SyntaxError(pos_, "control character in a string");
      } else {
        ReadUtf8(out);
      }
    }
  }

  static bool IsPlain(char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x80 && c != '"' && c != '\\';
  }

  void ReadEscape(std::string* out) {
    size_t at = pos_;
    if (pos_ + 1 >= text_.size()) SyntaxError(at, "unterminated string");
    char c = text_[pos_ + 1];
    pos_ += 2;
    switch (c) {
      case '"':
      case '\\':
      case '/':
        *out += c;
        return;
      case 'b':
        *out += '\b';
        return;
      case 'f':
        *out += '\f';
        return;
      case 'n':
        *out += '\n';
        return;
      case 'r':
        *out += '\r';
        return;
      case 't':
        *out += '\t';
        return;
      case 'u':
        break;
      default:
        SyntaxError(at, "invalid escape");
    }
    uint32_t code = Hex4(at);
    if (code >= 0xDC00 && code <= 0xDFFF) SyntaxError(at, "lone low surrogate in \\u escape");
    if (code >= 0xD800 && code <= 0xDBFF) {
      if (text_.substr(pos_, 2) != "\\u") SyntaxError(at, "lone high surrogate in \\u escape");
      pos_ += 2;
      uint32_t low = Hex4(at);
      if (low < 0xDC00 || low > 0xDFFF) SyntaxError(at, "lone high surrogate in \\u escape");
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    AppendUtf8(code, out);
  }

  uint32_t Hex4(size_t escape_at) {
    if (pos_ + 4 > text_.size()) SyntaxError(escape_at, "invalid \\u escape");
    uint32_t code = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text_[pos_++];
      uint32_t digit = c >= '0' && c <= '9'   ? c - '0'
                       : c >= 'a' && c <= 'f' ? c - 'a' + 10
                       : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                              : 16;
      if (digit == 16) SyntaxError(escape_at, "invalid \\u escape");
      code = code * 16 + digit;
    }
    return code;
  }

  static void AppendUtf8(uint32_t code, std::string* out) {
    if (code < 0x80) {
      *out += static_cast<char>(code);
    } else if (code < 0x800) {
      *out += static_cast<char>(0xC0 | (code >> 6));
      *out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      *out += static_cast<char>(0xE0 | (code >> 12));
      *out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      *out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      *out += static_cast<char>(0xF0 | (code >> 18));
      *out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      *out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      *out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  // One multi-byte UTF-8 sequence, well-formed (no overlong forms, surrogates or code points
  // above U+10FFFF), copied to `out`.
  void ReadUtf8(std::string* out) {
    auto byte = [&](size_t i) {
      return pos_ + i < text_.size() ? static_cast<unsigned char>(text_[pos_ + i]) : 0;
    };
    unsigned char lead = byte(0);
    size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;  // Range of the second byte.
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      SyntaxError(pos_, "invalid UTF-8 in a string");
    }
    if (byte(1) < low || byte(1) > high) SyntaxError(pos_, "invalid UTF-8 in a string");
    for (size_t i = 2; i < length; ++i) {
      if (byte(i) < 0x80 || byte(i) > 0xBF) SyntaxError(pos_, "invalid UTF-8 in a string");
    }
    out->append(text_.data() + pos_, length);
    pos_ += length;
  }

  template <size_t N>
  static std::string KeyList(const Keys<N>& keys) {
    std::string out;
    for (size_t i = 0; i < N; ++i) out += (i == 0 ? "" : ", ") + Quoted(keys[i].name);
    return out;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

// ---- Column types: ColumnType::ToSql backwards ----

// `1`, `10,2`, `-5`: the typmod list as ToSql prints it.
bool ParseModifiers(std::string_view text, std::vector<int64_t>* out) {
  out->clear();
  while (true) {
    size_t comma = text.find(',');
    std::string_view part = text.substr(0, comma);
    int64_t value = 0;
    auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (part.empty() || error != std::errc() || end != part.data() + part.size()) return false;
    out->push_back(value);
    if (comma == std::string_view::npos) return true;
    text.remove_prefix(comma + 1);
  }
}

// An identifier as QuoteSqlIdent writes it, up to one of `stops` when not quoted.
bool ParseIdent(std::string_view* text, std::string_view stops, std::string* out) {
  out->clear();
  std::string_view s = *text;
  if (s.starts_with('"')) {
    size_t i = 1;
    while (true) {
      if (i >= s.size()) return false;
      if (s[i] == '"') {
        if (i + 1 < s.size() && s[i + 1] == '"') {
          *out += '"';
          i += 2;
          continue;
        }
        *text = s.substr(i + 1);
        return true;
      }
      *out += s[i++];
    }
  }
  size_t end = s.find_first_of(stops);
  if (end == std::string_view::npos) end = s.size();
  if (end == 0) return false;
  *out = std::string(s.substr(0, end));
  *text = s.substr(end);
  return true;
}

// `schema.name` or `schema.name(mods)`, each part plain or double-quoted.
bool SplitQualified(std::string_view text, ir::ColumnType* type) {
  if (!ParseIdent(&text, ".", &type->schema) || !text.starts_with('.')) return false;
  text.remove_prefix(1);
  if (!ParseIdent(&text, "(", &type->name)) return false;
  type->modifiers.clear();
  if (text.empty()) return true;
  if (!text.starts_with('(') || !text.ends_with(')')) return false;
  return ParseModifiers(text.substr(1, text.size() - 2), &type->modifiers);
}

// `name(mods)`, or `timestamp(3) with time zone` where format_type puts them inside the name.
void SplitModifiers(std::string_view text, ir::ColumnType* type) {
  type->modifiers.clear();
  size_t open = text.find('(');
  size_t close = open == std::string_view::npos ? open : text.find(')', open);
  if (close == std::string_view::npos ||
      !ParseModifiers(text.substr(open + 1, close - open - 1), &type->modifiers)) {
    type->modifiers.clear();
    type->name = std::string(text);
    return;
  }
  type->name = std::string(text.substr(0, open));
  type->name += text.substr(close + 1);
}

// The JSON has the type as ToSql spells it, plus its kind. Each split is checked by spelling it
// again, so the type always writes back as the same text; a spelling ToSql cannot make from
// parts (never written by ToJson for a real schema) is kept whole as the name.
ir::ColumnType ParseColumnType(const std::string& sql, ir::TypeKind kind) {
  ir::ColumnType type;
  type.kind = kind;
  std::string_view base = sql;
  while (base.ends_with("[]")) {
    base.remove_suffix(2);
    ++type.array_dims;
  }
  if (kind != ir::TypeKind::kBuiltin && SplitQualified(base, &type) && type.ToSql() == sql) {
    return type;
  }
  type.schema.clear();
  SplitModifiers(base, &type);
  if (type.ToSql() == sql) return type;
  type.name = sql;
  type.modifiers.clear();
  type.array_dims = 0;
  return type;
}

// ---- Objects ----

constexpr Keys<4> kExtensionKeys{{
    {"name", kRequired},
    {"schema", kRequired},
    {"version", kRequired},
    {"extern", kRequired},
}};

ir::Extension ReadExtension(Reader& in, const Path& path) {
  ir::Extension out;
  in.Object(path, kExtensionKeys, [&](std::string_view key, const Path& at) {
    if (key == "name") {
      out.name = in.String(at);
    } else if (key == "schema") {
      out.schema = in.String(at);
    } else if (key == "version") {
      out.version = in.String(at);
    } else {
      out.is_extern = in.Bool(at);
    }
  });
  return out;
}

constexpr Keys<2> kEnumValueKeys{{{"label", kRequired}, {"renamed_from", kOptional}}};
constexpr Keys<4> kEnumKeys{{
    {"schema", kRequired},
    {"name", kRequired},
    {"values", kRequired},
    {"comment", kOptional},
}};

ir::Enum ReadEnum(Reader& in, const Path& path) {
  ir::Enum out;
  in.Object(path, kEnumKeys, [&](std::string_view key, const Path& at) {
    if (key == "schema") {
      out.name.schema = in.String(at);
    } else if (key == "name") {
      out.name.name = in.String(at);
    } else if (key == "values") {
      in.Array(at, [&](const Path& value_path) {
        ir::EnumValue& value = out.values.emplace_back();
        in.Object(value_path, kEnumValueKeys, [&](std::string_view value_key, const Path& v) {
          if (value_key == "label") {
            value.label = in.String(v);
          } else {
            value.renamed_from = in.String(v);
          }
        });
      });
    } else {
      out.comment = in.String(at);
    }
  });
  return out;
}

constexpr Keys<2> kGeneratedKeys{{{"kind", kRequired}, {"expression", kRequired}}};
constexpr Keys<3> kNotNullKeys{
    {{"name", kOptional}, {"no_inherit", kOptional}, {"not_valid", kOptional}}};
constexpr Keys<11> kColumnKeys{{
    {"name", kRequired},
    {"type", kRequired},
    {"type_kind", kRequired},
    {"nullable", kRequired},
    {"default", kOptional},
    {"identity", kOptional},
    {"generated", kOptional},
    {"collation", kOptional},
    {"renamed_from", kOptional},
    {"comment", kOptional},
    {"not_null", kOptional},
}};

ir::Column ReadColumn(Reader& in, const Path& path) {
  ir::Column out;
  std::string type;
  ir::TypeKind kind = ir::TypeKind::kBuiltin;
  in.Object(path, kColumnKeys, [&](std::string_view key, const Path& at) {
    if (key == "name") {
      out.name = in.String(at);
    } else if (key == "type") {
      type = in.String(at);
    } else if (key == "type_kind") {
      kind = in.Enum(at, kTypeKindNames);
    } else if (key == "nullable") {
      out.nullable = in.Bool(at);
    } else if (key == "default") {
      out.default_sql = in.String(at);
    } else if (key == "identity") {
      out.identity = in.Enum(at, kIdentityNames);
    } else if (key == "generated") {
      in.Object(at, kGeneratedKeys, [&](std::string_view generated_key, const Path& g) {
        if (generated_key == "kind") {
          out.generated = in.Enum(g, kGeneratedNames);
        } else {
          out.generated_sql = in.String(g);
        }
      });
    } else if (key == "collation") {
      out.collation = in.String(at);
    } else if (key == "renamed_from") {
      out.renamed_from = in.String(at);
    } else if (key == "not_null") {
      in.Object(at, kNotNullKeys, [&](std::string_view not_null_key, const Path& n) {
        if (not_null_key == "name") {
          out.not_null_name = in.String(n);
        } else if (not_null_key == "no_inherit") {
          out.not_null_no_inherit = in.Bool(n);
        } else {
          out.not_null_not_valid = in.Bool(n);
        }
      });
    } else {
      out.comment = in.String(at);
    }
  });
  out.type = ParseColumnType(type, kind);
  return out;
}

constexpr Keys<2> kPrimaryKeyKeys{{{"name", kRequired}, {"columns", kRequired}}};

std::optional<ir::PrimaryKey> ReadPrimaryKey(Reader& in, const Path& path) {
  if (in.Null()) return std::nullopt;
  if (!in.AtObject()) Fail(path, "expected an object or null");
  ir::PrimaryKey out;
  in.Object(path, kPrimaryKeyKeys, [&](std::string_view key, const Path& at) {
    if (key == "name") {
      out.name = in.String(at);
    } else {
      out.columns = in.Strings(at);
    }
  });
  return out;
}

constexpr Keys<3> kUniqueKeys{{
    {"name", kRequired},
    {"columns", kRequired},
    {"nulls_not_distinct", kOptional},
}};

ir::UniqueConstraint ReadUnique(Reader& in, const Path& path) {
  ir::UniqueConstraint out;
  in.Object(path, kUniqueKeys, [&](std::string_view key, const Path& at) {
    if (key == "name") {
      out.name = in.String(at);
    } else if (key == "columns") {
      out.columns = in.Strings(at);
    } else {
      out.nulls_not_distinct = in.Bool(at);
    }
  });
  return out;
}

constexpr Keys<4> kCheckKeys{{
    {"name", kRequired},
    {"expression", kRequired},
    {"no_inherit", kOptional},
    {"not_valid", kOptional},
}};

ir::CheckConstraint ReadCheck(Reader& in, const Path& path) {
  ir::CheckConstraint out;
  in.Object(path, kCheckKeys, [&](std::string_view key, const Path& at) {
    if (key == "name") {
      out.name = in.String(at);
    } else if (key == "expression") {
      out.expression = in.String(at);
    } else if (key == "no_inherit") {
      out.no_inherit = in.Bool(at);
    } else {
      out.not_valid = in.Bool(at);
    }
  });
  return out;
}

constexpr Keys<3> kReferencesKeys{{
    {"schema", kRequired},
    {"name", kRequired},
    {"columns", kRequired},
}};
constexpr Keys<8> kForeignKeyKeys{{
    {"name", kRequired},
    {"columns", kRequired},
    {"references", kRequired},
    {"on_delete", kRequired},
    {"on_update", kRequired},
    {"deferrable", kOptional},
    {"initially_deferred", kOptional},
    {"not_valid", kOptional},
}};

ir::ForeignKey ReadForeignKey(Reader& in, const Path& path) {
  ir::ForeignKey out;
  in.Object(path, kForeignKeyKeys, [&](std::string_view key, const Path& at) {
    if (key == "name") {
      out.name = in.String(at);
    } else if (key == "columns") {
      out.columns = in.Strings(at);
    } else if (key == "references") {
      in.Object(at, kReferencesKeys, [&](std::string_view ref_key, const Path& r) {
        if (ref_key == "schema") {
          out.ref_table.schema = in.String(r);
        } else if (ref_key == "name") {
          out.ref_table.name = in.String(r);
        } else {
          out.ref_columns = in.Strings(r);
        }
      });
    } else if (key == "on_delete") {
      out.on_delete = in.Enum(at, kFkActionNames);
    } else if (key == "on_update") {
      out.on_update = in.Enum(at, kFkActionNames);
    } else if (key == "deferrable") {
      out.deferrable = in.Bool(at);
    } else if (key == "initially_deferred") {
      out.initially_deferred = in.Bool(at);
    } else {
      out.not_valid = in.Bool(at);
    }
  });
  return out;
}

// "column" and "expression" are both optional here; exactly one of them is checked for.
constexpr Keys<7> kIndexKeyKeys{{
    {"column", kOptional},
    {"expression", kOptional},
    {"collation", kOptional},
    {"opclass", kOptional},
    {"opclass_is_default", kOptional},
    {"order", kRequired},
    {"nulls", kRequired},
}};

ir::IndexKey ReadIndexKey(Reader& in, const Path& path) {
  ir::IndexKey out;
  bool column = false;
  bool expression = false;
  in.Object(path, kIndexKeyKeys, [&](std::string_view key, const Path& at) {
    if (key == "column" || key == "expression") {
      // ToJson writes one of the two: the column when there is one, else the expression.
      bool is_column = key == "column";
      if (column || expression) {
        Fail(at, std::string("not allowed together with ") +
                     (is_column ? "\"expression\"" : "\"column\""));
      }
      (is_column ? column : expression) = true;
      (is_column ? out.column : out.expression) = in.String(at);
    } else if (key == "collation") {
      out.collation = in.String(at);
    } else if (key == "opclass") {
      out.opclass = in.String(at);
    } else if (key == "opclass_is_default") {
      out.opclass_is_default = in.Bool(at);
    } else if (key == "order") {
      out.order = in.Enum(at, kSortOrderNames);
    } else {
      out.nulls_first = in.Enum(at, kNullsFirstNames);
    }
  });
  if (!column && !expression) Fail(path, "missing required key \"column\" or \"expression\"");
  return out;
}

constexpr Keys<8> kIndexKeys{{
    {"name", kRequired},
    {"unique", kRequired},
    {"method", kRequired},
    {"keys", kRequired},
    {"include", kOptional},
    {"nulls_not_distinct", kOptional},
    {"with", kOptional},
    {"where", kOptional},
}};

ir::Index ReadIndex(Reader& in, const Path& path) {
  ir::Index out;
  in.Object(path, kIndexKeys, [&](std::string_view key, const Path& at) {
    if (key == "name") {
      out.name = in.String(at);
    } else if (key == "unique") {
      out.unique = in.Bool(at);
    } else if (key == "method") {
      out.method = in.String(at);
    } else if (key == "keys") {
      in.Array(at, [&](const Path& k) { out.keys.push_back(ReadIndexKey(in, k)); });
    } else if (key == "include") {
      out.include = in.Strings(at);
    } else if (key == "nulls_not_distinct") {
      out.nulls_not_distinct = in.Bool(at);
    } else if (key == "with") {
      in.Members(at, [&](const std::string& parameter, const Path& p) {
        for (const auto& [name, value] : out.with) {
          if (name == parameter) Fail(p, "duplicate key");
        }
        std::string value = in.String(p);
        out.with.emplace_back(parameter, std::move(value));
      });
    } else {
      out.where = in.String(at);
    }
  });
  return out;
}

constexpr Keys<7> kPolicyKeys{{
    {"name", kRequired},
    {"permissive", kRequired},
    {"command", kRequired},
    {"roles", kRequired},
    {"using", kOptional},
    {"with_check", kOptional},
    {"comment", kOptional},
}};

ir::Policy ReadPolicy(Reader& in, const Path& path) {
  ir::Policy out;
  in.Object(path, kPolicyKeys, [&](std::string_view key, const Path& at) {
    if (key == "name") {
      out.name = in.String(at);
    } else if (key == "permissive") {
      out.permissive = in.Bool(at);
    } else if (key == "command") {
      out.command = in.Enum(at, kPolicyCommandNames);
    } else if (key == "roles") {
      out.roles = in.Strings(at);
    } else if (key == "using") {
      out.using_expr = in.String(at);
    } else if (key == "with_check") {
      out.with_check = in.String(at);
    } else {
      out.comment = in.String(at);
    }
  });
  return out;
}

constexpr Keys<2> kGrantKeys{{{"role", kRequired}, {"privileges", kRequired}}};

ir::Grant ReadGrant(Reader& in, const Path& path) {
  ir::Grant out;
  in.Object(path, kGrantKeys, [&](std::string_view key, const Path& at) {
    if (key == "role") {
      out.role = in.String(at);
    } else {
      out.privileges = in.Strings(at);
    }
  });
  return out;
}

constexpr Keys<3> kPublicationMemberKeys{{
    {"name", kRequired},
    {"columns", kOptional},
    {"where", kOptional},
}};

ir::PublicationMember ReadPublicationMember(Reader& in, const Path& path) {
  ir::PublicationMember out;
  in.Object(path, kPublicationMemberKeys, [&](std::string_view key, const Path& at) {
    if (key == "name") {
      out.name = in.String(at);
    } else if (key == "columns") {
      out.columns = in.Strings(at);
    } else {
      out.row_filter = in.String(at);
    }
  });
  return out;
}

constexpr Keys<2> kRlsKeys{{{"enabled", kRequired}, {"forced", kRequired}}};
constexpr Keys<16> kTableKeys{{
    {"schema", kRequired},
    {"name", kRequired},
    {"renamed_from", kOptional},
    {"extern", kOptional},
    {"comment", kOptional},
    {"columns", kRequired},
    {"primary_key", kRequired},
    {"uniques", kRequired},
    {"checks", kRequired},
    {"foreign_keys", kRequired},
    {"indexes", kRequired},
    {"rls", kRequired},
    {"policies", kRequired},
    {"grants", kRequired},
    {"publications", kRequired},
    {"replica_identity", kRequired},
}};

// Each element of the array at `path` read by `read(in, path)` onto the end of `out`.
template <typename T, typename F>
void ReadList(Reader& in, const Path& path, std::vector<T>* out, F read) {
  in.Array(path, [&](const Path& at) { out->push_back(read(in, at)); });
}

ir::Table ReadTable(Reader& in, const Path& path) {
  ir::Table out;
  in.Object(path, kTableKeys, [&](std::string_view key, const Path& at) {
    if (key == "schema") {
      out.name.schema = in.String(at);
    } else if (key == "name") {
      out.name.name = in.String(at);
    } else if (key == "renamed_from") {
      out.renamed_from = in.String(at);
    } else if (key == "extern") {
      out.is_extern = in.Bool(at);
    } else if (key == "comment") {
      out.comment = in.String(at);
    } else if (key == "columns") {
      ReadList(in, at, &out.columns, ReadColumn);
    } else if (key == "primary_key") {
      out.primary_key = ReadPrimaryKey(in, at);
    } else if (key == "uniques") {
      ReadList(in, at, &out.uniques, ReadUnique);
    } else if (key == "checks") {
      ReadList(in, at, &out.checks, ReadCheck);
    } else if (key == "foreign_keys") {
      ReadList(in, at, &out.foreign_keys, ReadForeignKey);
    } else if (key == "indexes") {
      ReadList(in, at, &out.indexes, ReadIndex);
    } else if (key == "rls") {
      in.Object(at, kRlsKeys, [&](std::string_view rls_key, const Path& r) {
        (rls_key == "enabled" ? out.rls_enabled : out.rls_forced) = in.Bool(r);
      });
    } else if (key == "policies") {
      ReadList(in, at, &out.policies, ReadPolicy);
    } else if (key == "grants") {
      ReadList(in, at, &out.grants, ReadGrant);
    } else if (key == "publications") {
      ReadList(in, at, &out.publications, ReadPublicationMember);
    } else {
      out.replica_identity = in.Enum(at, kReplicaIdentityNames);
    }
  });
  return out;
}

constexpr Keys<2> kNameExternKeys{{{"name", kRequired}, {"extern", kRequired}}};

// Roles and publications: a name and the extern flag.
template <typename T>
T ReadNameExtern(Reader& in, const Path& path) {
  T out;
  in.Object(path, kNameExternKeys, [&](std::string_view key, const Path& at) {
    if (key == "name") {
      out.name = in.String(at);
    } else {
      out.is_extern = in.Bool(at);
    }
  });
  return out;
}

constexpr Keys<7> kSchemaKeys{{
    {"target", kRequired},
    {"schemas", kRequired},
    {"extensions", kRequired},
    {"enums", kRequired},
    {"tables", kRequired},
    {"roles", kRequired},
    {"publications", kRequired},
}};

ir::Schema ReadSchema(Reader& in) {
  ir::Schema out;
  Path root;
  in.Object(root, kSchemaKeys, [&](std::string_view key, const Path& at) {
    if (key == "target") {
      out.target = in.Enum(at, kTargetNames);
    } else if (key == "schemas") {
      out.schemas = in.Strings(at);
    } else if (key == "extensions") {
      ReadList(in, at, &out.extensions, ReadExtension);
    } else if (key == "enums") {
      ReadList(in, at, &out.enums, ReadEnum);
    } else if (key == "tables") {
      ReadList(in, at, &out.tables, ReadTable);
    } else if (key == "roles") {
      ReadList(in, at, &out.roles, ReadNameExtern<ir::Role>);
    } else {
      ReadList(in, at, &out.publications, ReadNameExtern<ir::Publication>);
    }
  });
  in.End();
  out.Reindex();
  return out;
}

}  // namespace

ir::Schema FromJson(const Json& json) {
  // One reader for both entry points: the document is read through its compact text.
  std::string text;
  try {
    text = json.dump();
  } catch (const Json::exception& e) {  // A string that is not UTF-8.
    throw std::runtime_error(std::string("invalid JSON value: ") + e.what());
  }
  return FromJsonText(text);
}

ir::Schema FromJsonText(const std::string& text) {
  Reader reader(text);
  return ReadSchema(reader);
}

}  // namespace schemac::json
