// Prints docs/permissions.md, generated from the policy table.
#include <iostream>

#include "worksection/policy.h"

int main() {
  std::cout << worksection::PolicyMarkdown();
  return 0;
}
