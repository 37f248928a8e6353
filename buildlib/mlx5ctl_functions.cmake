# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
# Helpers in the spirit of rdma-core's buildlib/rdma_functions.cmake.

# Copy public headers into build/include/<subdir> so everything in the tree
# includes them exactly as an installed consumer would.
function(mlx5ctl_publish_headers subdir)
  foreach(hdr IN LISTS ARGN)
    get_filename_component(name "${hdr}" NAME)
    configure_file("${CMAKE_CURRENT_SOURCE_DIR}/${hdr}"
      "${BUILD_INCLUDE}/${subdir}/${name}" COPYONLY)
  endforeach()
  install(FILES ${ARGN} DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/${subdir}")
endfunction()

# A shared library whose exports are exactly its version script.
function(mlx5ctl_shared_library target name mapfile soversion version)
  add_library(${target} SHARED ${ARGN})
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME ${name}
    SOVERSION ${soversion}
    VERSION ${version}
    C_VISIBILITY_PRESET hidden
    LINK_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/${mapfile}")
  target_link_options(${target} PRIVATE
    "-Wl,--version-script=${CMAKE_CURRENT_SOURCE_DIR}/${mapfile}"
    "-Wl,--no-undefined" "-Wl,-z,relro" "-Wl,-z,now")
  install(TARGETS ${target} LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}")
endfunction()

# A unit test: one C file, linked with the given libraries, run by ctest.
function(mlx5ctl_unit_test name src)
  add_executable(${name} ${src})
  target_link_libraries(${name} PRIVATE ${ARGN})
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tests")
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES LABELS unit)
endfunction()

# A pkg-config file from a template.
function(mlx5ctl_pkgconfig name)
  configure_file("${CMAKE_CURRENT_SOURCE_DIR}/${name}.pc.in"
    "${CMAKE_BINARY_DIR}/lib/pkgconfig/${name}.pc" @ONLY)
  install(FILES "${CMAKE_BINARY_DIR}/lib/pkgconfig/${name}.pc"
    DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
endfunction()
