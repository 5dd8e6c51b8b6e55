// Times introspection alone, as a command would run it: connect, introspect, disconnect, RUNS
// times. Prints one line: "min median mean max" in milliseconds. For tools/bench/
// bench_introspect.sh; the commands' own times include printing on top of this.
//   schemac_introspect_timer URL RUNS

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <string>
#include <vector>

#include "backends/postgres/connection.h"
#include "backends/postgres/introspect.h"

int main(int argc, char** argv) {
  if (argc != 3 || std::atoi(argv[2]) < 1) {
    std::fprintf(stderr, "usage: schemac_introspect_timer URL RUNS\n");
    return 2;
  }
  std::string url = argv[1];
  std::vector<double> ms;
  try {
    for (int run = 0; run < std::atoi(argv[2]); ++run) {
      auto start = std::chrono::steady_clock::now();
      auto connection = schemac::pg::Connect(url);
      schemac::ir::Schema schema = schemac::pg::Introspect(*connection, {{}, {}, url});
      connection.reset();
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count());
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "schemac_introspect_timer: %s\n", e.what());
    return 1;
  }
  std::sort(ms.begin(), ms.end());
  double mean = std::accumulate(ms.begin(), ms.end(), 0.0) / ms.size();
  std::printf("%.1f %.1f %.1f %.1f\n", ms.front(), ms[ms.size() / 2], mean, ms.back());
}
