// proxy-private-images: a KRM function. See README.md.
#include "function/cli/cli.h"

int main(int argc, char** argv) { return ppi::Main(argc, argv); }
