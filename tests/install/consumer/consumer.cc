// Built against an installed worksection (pkg-config or find_package): opens
// an in-memory workspace, creates it and prints the library version.
#include <iostream>

#include "worksection/worksection.h"

int main() {
  auto workspace = worksection::Workspace::Open("memory:");
  if (!workspace.ok()) {
    std::cerr << "open: " << workspace.status() << "\n";
    return 1;
  }
  worksection::WorkspaceSetup setup;
  setup.name = "Consumer";
  setup.owner_name = "Olga Owner";
  setup.owner_email = "olga@example.com";
  auto owner = (*workspace)->Bootstrap(setup);
  if (!owner.ok()) {
    std::cerr << "bootstrap: " << owner.status() << "\n";
    return 1;
  }
  std::cout << "worksection " << worksection::Version() << ": owner "
            << owner->name << "\n";
  return 0;
}
