# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
# The standalone build's rdma_man_pages(), after rdma-core's
# buildlib/rdma_man.cmake, so that the man/ CMakeLists.txt are the same in
# both builds.
#
#   rdma_man_pages(foo.1.md bar.3.md baz.7)
#
# "NAME.N.md" is rendered by pandoc into build/share/man/manN/NAME.N;
# "NAME.N" (already troff) is copied there.  Both are installed to
# ${CMAKE_INSTALL_MANDIR}/manN.  Pages open with a pandoc title block,
# "% NAME(N) SOURCE | MANUAL", so the .TH line comes from the page itself.
#
# pandoc is optional, as in rdma-core: without it a page comes from
# PANDOC_PREBUILT_DIR/<sha1 of the source> (buildlib/pandoc-prebuilt/,
# which a release tarball carries); every build with pandoc leaves those
# files in build/pandoc-prebuilt/ for the tarball to take.

find_program(PANDOC_EXECUTABLE pandoc)
set(PANDOC_PREBUILT_DIR "${PROJECT_SOURCE_DIR}/buildlib/pandoc-prebuilt"
  CACHE PATH "Pre-built man pages, used when pandoc is absent")
set(MLX5CTL_MAN_DIR "${CMAKE_BINARY_DIR}/share/man")
set(MLX5CTL_PREBUILT_DIR "${CMAKE_BINARY_DIR}/pandoc-prebuilt")
file(MAKE_DIRECTORY "${MLX5CTL_PREBUILT_DIR}")

# The command that makes OUT from the markdown SRC: pandoc, or a copy of
# the pre-built page.  No page at all is a configure error, not a gap.
function(mlx5ctl_md_page src out)
  file(SHA1 "${src}" id)
  if(PANDOC_EXECUTABLE)
    add_custom_command(OUTPUT "${out}"
      COMMAND "${PANDOC_EXECUTABLE}" -s -f markdown -t man "${src}" -o "${out}"
      COMMAND "${CMAKE_COMMAND}" -E copy "${out}" "${MLX5CTL_PREBUILT_DIR}/${id}"
      MAIN_DEPENDENCY "${src}" VERBATIM)
    return()
  endif()
  set(prebuilt "${PANDOC_PREBUILT_DIR}/${id}")
  if(NOT EXISTS "${prebuilt}")
    message(FATAL_ERROR "${src}: no pandoc and no pre-built page ${prebuilt} "
      "(install pandoc, or build from a release tarball)")
  endif()
  add_custom_command(OUTPUT "${out}"
    COMMAND "${CMAKE_COMMAND}" -E copy "${prebuilt}" "${out}"
    MAIN_DEPENDENCY "${src}" VERBATIM)
endfunction()

function(rdma_man_pages)
  foreach(src IN LISTS ARGN)
    get_filename_component(fname "${src}" NAME)
    if(NOT fname MATCHES "^(.+)\\.([0-9])(\\.md)?$")
      message(FATAL_ERROR "${src}: a man page is NAME.N.md or NAME.N")
    endif()
    set(page "${CMAKE_MATCH_1}.${CMAKE_MATCH_2}")
    set(section "${CMAKE_MATCH_2}")
    set(dir "${MLX5CTL_MAN_DIR}/man${section}")
    file(MAKE_DIRECTORY "${dir}")
    if(CMAKE_MATCH_3)
      mlx5ctl_md_page("${CMAKE_CURRENT_SOURCE_DIR}/${src}" "${dir}/${page}")
    else()
      add_custom_command(OUTPUT "${dir}/${page}"
        COMMAND "${CMAKE_COMMAND}" -E copy "${CMAKE_CURRENT_SOURCE_DIR}/${src}" "${dir}/${page}"
        MAIN_DEPENDENCY "${CMAKE_CURRENT_SOURCE_DIR}/${src}" VERBATIM)
    endif()
    string(MAKE_C_IDENTIFIER "man_${page}" tgt)
    add_custom_target(${tgt} ALL DEPENDS "${dir}/${page}")
    install(FILES "${dir}/${page}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man${section}")
  endforeach()
endfunction()
