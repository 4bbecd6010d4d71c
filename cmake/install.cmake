# Packaging for users of the installed library: a pkg-config file and an
# exported CMake package, both under CMAKE_INSTALL_LIBDIR.
#
#   pkg-config --cflags --libs worksection
#   find_package(worksection) ... target_link_libraries(app worksection::worksection)
include(CMakePackageConfigHelpers)

# worksection.pc: relocatable (paths relative to the .pc file itself), so an
# install into any --prefix works without editing it.
set(WS_PC_DIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
file(RELATIVE_PATH WS_PC_TO_PREFIX "/prefix/${WS_PC_DIR}" "/prefix")
string(REGEX REPLACE "/$" "" WS_PC_TO_PREFIX "${WS_PC_TO_PREFIX}")
foreach(dir LIBDIR INCLUDEDIR)  # an absolute dir is kept as given
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${dir}}")
    set(WS_PC_${dir} "${CMAKE_INSTALL_${dir}}")
  else()
    set(WS_PC_${dir} "\${prefix}/${CMAKE_INSTALL_${dir}}")
  endif()
endforeach()
string(REPLACE "absl::" "absl_" WS_PC_REQUIRES "${WS_PUBLIC_ABSL}")
string(REPLACE ";" ", " WS_PC_REQUIRES "${WS_PC_REQUIRES}")
configure_file("${CMAKE_CURRENT_LIST_DIR}/worksection.pc.in"
  "${PROJECT_BINARY_DIR}/worksection.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/worksection.pc" DESTINATION "${WS_PC_DIR}")

# worksectionConfig.cmake: find_dependency(absl), then the exported target
# worksection::worksection.
set(WS_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/worksection")
install(EXPORT worksectionTargets NAMESPACE worksection::
  DESTINATION "${WS_CMAKE_DIR}")
configure_package_config_file(
  "${CMAKE_CURRENT_LIST_DIR}/worksectionConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/worksectionConfig.cmake"
  INSTALL_DESTINATION "${WS_CMAKE_DIR}")
# The SONAME moves with the major version, and so does compatibility.
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/worksectionConfigVersion.cmake"
  COMPATIBILITY SameMajorVersion)
install(FILES "${PROJECT_BINARY_DIR}/worksectionConfig.cmake"
  "${PROJECT_BINARY_DIR}/worksectionConfigVersion.cmake"
  DESTINATION "${WS_CMAKE_DIR}")
