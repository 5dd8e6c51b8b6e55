// Unmanaged objects as pull, plan and diff print them (unmanaged_text.h).

#include "backends/text/unmanaged_text.h"

#include <algorithm>

namespace schemac::text {

std::string UnmanagedText(const std::vector<ir::UnmanagedObject>& objects,
                          const std::string& consequence) {
  if (objects.empty()) return "";
  std::string out;
  for (const ir::UnmanagedObject& object : objects) {
    out += "not managed by schemac: " + object.kind + " " + object.name + "\n";
  }
  out += std::to_string(objects.size()) + (objects.size() == 1 ? " object" : " objects") +
         " not managed by schemac: " + consequence + "\n";
  return out;
}

std::vector<ir::UnmanagedObject> MergeUnmanaged(const std::vector<ir::UnmanagedObject>& a,
                                                const std::vector<ir::UnmanagedObject>& b) {
  std::vector<ir::UnmanagedObject> out = a;
  out.insert(out.end(), b.begin(), b.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace schemac::text
