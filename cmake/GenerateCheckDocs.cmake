# Embeds docs/checks/*.md into a C++ include file as raw string literals, so
# that --explain and the SARIF rule metadata come from the same pages users
# read. Run with -DDOCS_DIR=<dir> -DOUTPUT=<file>.
file(GLOB pages ${DOCS_DIR}/*.md)
list(SORT pages)
set(body "// Generated from docs/checks/*.md by GenerateCheckDocs.cmake.\n")
foreach(page ${pages})
  get_filename_component(name ${page} NAME_WE)
  file(READ ${page} text)
  string(APPEND body "{\"${name}\", R\"corolint_doc(${text})corolint_doc\"},\n")
endforeach()
# Only touch the output when it changes, so an unrelated reconfigure does not
# rebuild the driver.
if(EXISTS ${OUTPUT})
  file(READ ${OUTPUT} old)
endif()
if(NOT "${old}" STREQUAL "${body}")
  file(WRITE ${OUTPUT} "${body}")
endif()
