#pragma once
// Two pieces of work at once, one on a worker thread: how a large file is parsed and how the
// types of many tables are written.
// The parser's worker hook (SetParseWorkerWrapper, parse.h) and why it exists:
// docs/architecture.md, "Performance machinery".

#include <functional>

namespace schemac {

/// Runs the worker's work, `work(context)`, inside whatever the program gives its worker
/// threads (the CLI's allocation arena, tools/schemac/arena.h).
using WorkerWrapper = void (*)(void (*work)(void* context), void* context);

/// Runs `there` on a new thread (inside `wrapper`, when set) while `here` runs on this one, and
/// returns when both are done. An exception from either is rethrown after both finished (this
/// thread's first). False, with nothing run, when no thread can be started: the caller then
/// does the work on its own.
bool RunInParallel(const std::function<void()>& here, const std::function<void()>& there,
                   WorkerWrapper wrapper = nullptr);

}  // namespace schemac
