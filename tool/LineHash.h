//===--- LineHash.h - Code scanning's line fingerprints ---------*- C++ -*-===//
//
// GitHub code scanning identifies an alert across commits by
// `partialFingerprints.primaryLocationLineHash`: a rolling hash of the
// (whitespace-free) text that starts at the alert's line, with a `:N`
// suffix counting earlier lines of the file with the same hash. When a log
// lacks it, the upload action computes it from the checkout; corolint
// computes the same value so that the log is complete on its own and other
// services see the same identity.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_LINEHASH_H
#define COROLINT_TOOL_LINEHASH_H

#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace corolint {

/// The hash of every line of a file's contents (element I is line I + 1),
/// as `<hex>:<occurrence>`. Line breaks are `\n`, `\r\n` or `\r`; a file
/// ending in a line break has one more (empty) line after it.
std::vector<std::string> lineHashes(llvm::StringRef Contents);

} // namespace corolint

#endif // COROLINT_TOOL_LINEHASH_H
