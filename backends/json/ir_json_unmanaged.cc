// The objects schemac does not model, as JSON (ir_json_unmanaged.h).

#include "backends/json/ir_json_unmanaged.h"

namespace schemac::json {

nlohmann::ordered_json UnmanagedJson(const std::vector<ir::UnmanagedObject>& objects) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const ir::UnmanagedObject& object : objects) {
    out.push_back({{"kind", object.kind}, {"name", object.name}});
  }
  return out;
}

namespace internal {

void ReadUnmanaged(Reader& in, const Path& path, std::vector<ir::UnmanagedObject>* out) {
  static constexpr Keys<2> kKeys{{{"kind", kRequired}, {"name", kRequired}}};
  in.Array(path, [&](const Path& at) {
    ir::UnmanagedObject object;
    in.Object(at, kKeys, [&](std::string_view key, const Path& member) {
      (key == "kind" ? object.kind : object.name) = in.String(member);
    });
    out->push_back(std::move(object));
  });
}

}  // namespace internal
}  // namespace schemac::json
