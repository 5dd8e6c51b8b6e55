// The dependencies of a schema as JSON, both ways (ir_json_depends.h).

#include "backends/json/ir_json_depends.h"

#include <array>
#include <string_view>

namespace schemac::json::internal {

namespace {

using Json = nlohmann::ordered_json;
using ir::ObjectKind;

// The kinds by ir::ToString's names; the reader accepts exactly these.
constexpr std::array<EnumName<ObjectKind>, 11> kObjectKindNames{{
    {"schema", ObjectKind::kSchema},
    {"extension", ObjectKind::kExtension},
    {"type", ObjectKind::kEnum},
    {"table", ObjectKind::kTable},
    {"column", ObjectKind::kColumn},
    {"constraint", ObjectKind::kConstraint},
    {"index", ObjectKind::kIndex},
    {"policy", ObjectKind::kPolicy},
    {"view", ObjectKind::kView},
    {"function", ObjectKind::kFunction},
    {"trigger", ObjectKind::kTrigger},
}};

Json RefJson(const ir::ObjectRef& ref) {
  Json out = Json::object();
  out["kind"] = ir::ToString(ref.kind);
  out["schema"] = ref.name.schema;
  out["name"] = ref.name.name;
  if (!ref.member.empty()) out["member"] = ref.member;
  return out;
}

constexpr Keys<4> kRefKeys{{
    {"kind", kRequired},
    {"schema", kRequired},
    {"name", kRequired},
    {"member", kOptional},
}};

ir::ObjectRef ReadRef(Reader& in, const Path& path) {
  ir::ObjectRef out;
  in.Object(path, kRefKeys, [&](std::string_view key, const Path& at) {
    if (key == "kind") {
      out.kind = in.Enum(at, kObjectKindNames);
    } else if (key == "schema") {
      out.name.schema = in.String(at);
    } else if (key == "name") {
      out.name.name = in.String(at);
    } else {
      out.member = in.String(at);
    }
  });
  return out;
}

constexpr Keys<2> kDependencyKeys{{{"dependent", kRequired}, {"referenced", kRequired}}};
constexpr Keys<2> kOwnerKeys{{{"object", kRequired}, {"role", kRequired}}};

}  // namespace

Json DependenciesJson(const std::vector<ir::Dependency>& dependencies) {
  Json out = Json::array();
  for (const ir::Dependency& d : dependencies) {
    Json item = Json::object();
    item["dependent"] = RefJson(d.dependent);
    item["referenced"] = RefJson(d.referenced);
    out.push_back(std::move(item));
  }
  return out;
}

std::vector<ir::Dependency> ReadDependencies(Reader& in, const Path& path) {
  std::vector<ir::Dependency> out;
  in.Array(path, [&](const Path& at) {
    ir::Dependency d;
    in.Object(at, kDependencyKeys, [&](std::string_view key, const Path& member) {
      (key == "dependent" ? d.dependent : d.referenced) = ReadRef(in, member);
    });
    out.push_back(std::move(d));
  });
  return out;
}

Json OwnersJson(const std::vector<ir::Owner>& owners) {
  Json out = Json::array();
  for (const ir::Owner& o : owners) {
    Json item = Json::object();
    item["object"] = RefJson(o.object);
    item["role"] = o.role;
    out.push_back(std::move(item));
  }
  return out;
}

std::vector<ir::Owner> ReadOwners(Reader& in, const Path& path) {
  std::vector<ir::Owner> out;
  in.Array(path, [&](const Path& at) {
    ir::Owner o;
    in.Object(at, kOwnerKeys, [&](std::string_view key, const Path& member) {
      if (key == "object") {
        o.object = ReadRef(in, member);
      } else {
        o.role = in.String(member);
      }
    });
    out.push_back(std::move(o));
  });
  return out;
}

}  // namespace schemac::json::internal
