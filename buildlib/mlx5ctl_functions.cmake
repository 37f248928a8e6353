# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
# The standalone build's versions of rdma-core's buildlib/rdma_functions.cmake
# and publish_headers.cmake: the same names and arguments, so that the
# CMakeLists.txt of providers/mlx5ctl/ and mlx5ctl/ build unchanged inside
# an rdma-core tree, where rdma-core's own functions are used instead.
# Only what those directories call is here.

# Tests and the static-linking check: the libraries' output directories
# are rdma-core's (build/lib, build/bin, build/include).
set(BUILD_INCLUDE "${CMAKE_BINARY_DIR}/include")
set(BUILD_LIB "${CMAKE_BINARY_DIR}/lib")
set(BUILD_BIN "${CMAKE_BINARY_DIR}/bin")
# rdma-core links ccan and its util library into everything; we have none.
set(COMMON_LIBS "")
set(COMMON_LIBS_PIC "")

# Copy public headers into build/include/DEST so everything in the tree
# includes them exactly as an installed consumer would.
function(publish_headers DEST)
  foreach(hdr IN LISTS ARGN)
    get_filename_component(name "${hdr}" NAME)
    configure_file("${CMAKE_CURRENT_SOURCE_DIR}/${hdr}"
      "${BUILD_INCLUDE}/${DEST}/${name}" COPYONLY)
  endforeach()
  install(FILES ${ARGN} DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/${DEST}")
endfunction()

# A shared library whose exports are exactly its version script, and with
# ENABLE_STATIC the same sources as DEST-static (libDEST.a).
function(rdma_library DEST VERSION_SCRIPT SOVERSION VERSION)
  set(map "${CMAKE_CURRENT_SOURCE_DIR}/${VERSION_SCRIPT}")
  if(ENABLE_STATIC)
    add_library(${DEST}-static STATIC ${ARGN})
    set_target_properties(${DEST}-static PROPERTIES OUTPUT_NAME ${DEST}
      ARCHIVE_OUTPUT_DIRECTORY "${BUILD_LIB}")
    install(TARGETS ${DEST}-static ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}")
  endif()
  add_library(${DEST} SHARED ${ARGN})
  set_target_properties(${DEST} PROPERTIES
    SOVERSION ${SOVERSION}
    VERSION ${VERSION}
    LIBRARY_OUTPUT_DIRECTORY "${BUILD_LIB}"
    LINK_DEPENDS "${map}")
  target_link_options(${DEST} PRIVATE "-Wl,--version-script=${map}"
    "-Wl,--no-undefined" "-Wl,-z,relro" "-Wl,-z,now")
  install(TARGETS ${DEST} LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}")
endfunction()

# An installed program in build/bin.
function(rdma_executable EXEC)
  add_executable(${EXEC} ${ARGN})
  set_target_properties(${EXEC} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${BUILD_BIN}")
  install(TARGETS ${EXEC} RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
endfunction()

# libNAME.pc in build/lib/pkgconfig, from rdma-core's template fields.
function(rdma_pkg_config PC_LIB_NAME PC_REQUIRES_PRIVATE PC_LIB_PRIVATE)
  get_target_property(PC_VERSION ${PC_LIB_NAME} VERSION)
  configure_file("${PROJECT_SOURCE_DIR}/buildlib/template.pc.in"
    "${BUILD_LIB}/pkgconfig/lib${PC_LIB_NAME}.pc" @ONLY)
  install(FILES "${BUILD_LIB}/pkgconfig/lib${PC_LIB_NAME}.pc"
    DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
endfunction()

# rdma-core turns the static libraries into distributable archives here;
# ours are plain archives already.
function(rdma_finalize_libs)
endfunction()

# A unit test: one C file, linked with the given libraries, run by ctest.
function(mlx5ctl_unit_test name src)
  add_executable(${name} ${src})
  target_link_libraries(${name} PRIVATE ${ARGN})
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tests")
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES LABELS unit)
endfunction()
