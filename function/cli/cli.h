// The command line: the KRM function (no arguments), probe, --help,
// --version. One backstop turns anything unexpected into an error result.
#pragma once

namespace ppi {

int Main(int argc, char** argv);

}  // namespace ppi
