#include "compiler/worker.h"

#include <exception>
#include <system_error>
#include <thread>

namespace schemac {

bool RunInParallel(const std::function<void()>& here, const std::function<void()>& there,
                   WorkerWrapper wrapper) {
  std::exception_ptr there_error;
  auto guarded = [&] {
    try {
      there();
    } catch (...) {
      there_error = std::current_exception();
    }
  };
  std::thread worker;
  try {
    worker = std::thread([&] {
      if (wrapper == nullptr) return guarded();
      wrapper([](void* context) { (*static_cast<decltype(guarded)*>(context))(); }, &guarded);
    });
  } catch (const std::system_error&) {
    return false;
  }
  std::exception_ptr here_error;
  try {
    here();
  } catch (...) {
    here_error = std::current_exception();
  }
  worker.join();
  if (here_error) std::rethrow_exception(here_error);
  if (there_error) std::rethrow_exception(there_error);
  return true;
}

}  // namespace schemac
