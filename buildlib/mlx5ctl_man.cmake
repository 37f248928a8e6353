# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
# Man pages written in pandoc markdown, in the manner of rdma-core's
# buildlib/rdma_man.cmake.
#
#   mlx5ctl_man_pages(foo.1.md bar.3.md baz.7)
#
# "NAME.N.md" is rendered by pandoc into build/share/man/manN/NAME.N;
# "NAME.N" (already troff) is copied there.  Both are installed to
# ${CMAKE_INSTALL_MANDIR}/manN.  Pages open with a pandoc title block,
# "% NAME(N) SOURCE | MANUAL", so the .TH line comes from the page itself.

find_program(PANDOC_EXECUTABLE pandoc)
if(NOT PANDOC_EXECUTABLE)
  message(FATAL_ERROR "pandoc is needed to build the man pages "
    "(apt-get install pandoc, or run buildlib/install-deps build)")
endif()

set(MLX5CTL_MAN_DIR "${CMAKE_BINARY_DIR}/share/man")

function(mlx5ctl_man_pages)
  foreach(src IN LISTS ARGN)
    get_filename_component(fname "${src}" NAME)
    if(fname MATCHES "^(.+)\\.([0-9])\\.md$")
      set(page "${CMAKE_MATCH_1}.${CMAKE_MATCH_2}")
      set(section "${CMAKE_MATCH_2}")
      set(out "${MLX5CTL_MAN_DIR}/man${section}/${page}")
      add_custom_command(OUTPUT "${out}"
        COMMAND "${CMAKE_COMMAND}" -E make_directory "${MLX5CTL_MAN_DIR}/man${section}"
        COMMAND "${PANDOC_EXECUTABLE}" -s -f markdown -t man
          "${CMAKE_CURRENT_SOURCE_DIR}/${src}" -o "${out}"
        MAIN_DEPENDENCY "${CMAKE_CURRENT_SOURCE_DIR}/${src}"
        COMMENT "Creating man page ${page}"
        VERBATIM)
    elseif(fname MATCHES "^(.+)\\.([0-9])$")
      set(page "${fname}")
      set(section "${CMAKE_MATCH_2}")
      set(out "${MLX5CTL_MAN_DIR}/man${section}/${page}")
      add_custom_command(OUTPUT "${out}"
        COMMAND "${CMAKE_COMMAND}" -E copy "${CMAKE_CURRENT_SOURCE_DIR}/${src}" "${out}"
        MAIN_DEPENDENCY "${CMAKE_CURRENT_SOURCE_DIR}/${src}"
        VERBATIM)
    else()
      message(FATAL_ERROR "${src}: a man page is NAME.N.md or NAME.N")
    endif()
    string(MAKE_C_IDENTIFIER "man_${page}" tgt)
    add_custom_target(${tgt} ALL DEPENDS "${out}")
    install(FILES "${out}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man${section}")
  endforeach()
endfunction()
