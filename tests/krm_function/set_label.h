// set-label: a second KRM function, built on krm/ alone, to show that the
// framework serves any function. It sets one label on every item that is
// not local configuration:
//
//   kpt fn eval PKG --exec set-label -- key=team value=web
//
// Configuration: a ConfigMap with data.key and data.value, or
// kind SetLabel (apiVersion example.com/v1) with spec.key and spec.value.
#pragma once

#include <iosfwd>
#include <string>

namespace set_label {

int Run(std::string input, std::ostream& out, std::ostream& err);

}  // namespace set_label
