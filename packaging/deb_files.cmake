# Run by CPack (CPACK_PRE_BUILD_SCRIPTS) on the staging tree before it is packed: what
# Debian's policy asks of a package's files, and not of a plain `cmake --install`.
# Man pages are compressed, and the package carries its changelog and a copyright file
# in Debian's format. Debian's zsh does not read share/zsh/site-functions under /usr (only
# under /usr/local), but vendor-completions.
if(NOT CPACK_GENERATOR STREQUAL "DEB")
  return()
endif()
set(root "${CPACK_TEMPORARY_INSTALL_DIRECTORY}${CPACK_PACKAGING_INSTALL_PREFIX}")
if(NOT IS_DIRECTORY "${root}/share")
  message(FATAL_ERROR "deb_files.cmake: no staging tree at ${root}")
endif()
set(doc "${root}/share/doc/${CPACK_PACKAGE_NAME}")
file(GLOB man_pages "${root}/share/man/man*/*.[1-9]")
file(COPY_FILE "${CPACK_KNEAD_CHANGELOG}" "${doc}/changelog")
foreach(file ${man_pages} "${doc}/changelog")
  # -n: no name or time stamp inside, so the same input makes the same package.
  execute_process(COMMAND gzip -9nf "${file}" RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "deb_files.cmake: gzip ${file} failed")
  endif()
endforeach()
file(COPY_FILE "${CPACK_KNEAD_COPYRIGHT}" "${doc}/copyright")
set(zsh "${root}/share/zsh")
if(EXISTS "${zsh}/site-functions")
  file(RENAME "${zsh}/site-functions" "${zsh}/vendor-completions")
endif()
