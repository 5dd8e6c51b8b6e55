// Times the IR JSON reader and writer in one process, as the canonical cache uses them:
// json::FromJsonText on FILE (the output of `schemac ir`) and json::ToJsonText on what it read,
// RUNS times each, alternated. For reference it also times nlohmann/json alone on the same text:
// parsing it into a document (ordered_json, as ToJson builds), a SAX pass that builds nothing and
// one that keeps each string value.
// Prints one line per measurement: "name min median max" in milliseconds.
//   schemac_json_timer FILE RUNS

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "backends/json/ir_json.h"

namespace {

// Accepts every event and keeps nothing: the cost of nlohmann's lexer and parser alone.
struct NullSax : nlohmann::json_sax<nlohmann::ordered_json> {
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception&) override {
    return false;
  }
};

// Keeps every string value, as any reader into the IR must: the least a reader built on
// nlohmann's SAX interface would do besides checking keys and shapes.
struct StringsSax : NullSax {
  std::vector<std::string> strings;
  bool string(string_t& value) override {
    strings.push_back(std::move(value));
    return true;
  }
};

double Time(const std::function<void()>& run) {
  auto start = std::chrono::steady_clock::now();
  run();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 || std::atoi(argv[2]) < 1) {
    std::fprintf(stderr, "usage: schemac_json_timer FILE RUNS\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  const int runs = std::atoi(argv[2]);
  std::map<std::string, std::vector<double>> ms;
  size_t sink = 0;  // Keeps the optimizer from dropping the work.
  try {
    schemac::ir::Schema schema = schemac::json::FromJsonText(text);
    if (schemac::json::ToJsonText(schema) != text) {
      std::fprintf(stderr, "schemac_json_timer: %s does not round-trip\n", argv[1]);
      return 1;
    }
    for (int run = 0; run < runs; ++run) {
      ms["FromJsonText"].push_back(
          Time([&] { sink += schemac::json::FromJsonText(text).tables.size(); }));
      ms["ToJsonText"].push_back(Time([&] { sink += schemac::json::ToJsonText(schema).size(); }));
      ms["nlohmann parse (document)"].push_back(
          Time([&] { sink += nlohmann::ordered_json::parse(text).size(); }));
      ms["nlohmann sax_parse (no document)"].push_back(Time([&] {
        NullSax sax;
        sink += nlohmann::ordered_json::sax_parse(text, &sax);
      }));
      ms["nlohmann sax_parse (string values kept)"].push_back(Time([&] {
        StringsSax sax;
        sink += nlohmann::ordered_json::sax_parse(text, &sax);
        sink += sax.strings.size();
      }));
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "schemac_json_timer: %s\n", e.what());
    return 1;
  }
  for (auto& [name, times] : ms) {
    std::sort(times.begin(), times.end());
    std::printf("%s %.1f %.1f %.1f\n", name.c_str(), times.front(), times[times.size() / 2],
                times.back());
  }
  return sink == 0 ? 1 : 0;
}
