//===--- Migrate.h - corolint migrate's driver ------------------*- C++ -*-===//
//
// Renders the migration engine's plan (checks/Migration.h): the plan as a
// tree, or its edits as a diff, applied, or exported. The analysis pipeline
// collects the facts; this file only presents and writes them.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_TOOL_MIGRATE_H
#define COROLINT_TOOL_MIGRATE_H

#include "Migration.h"
#include "Options.h"
#include "SourceFiles.h"

namespace corolint {

clang::tidy::corolint::MigrationOptions
migrationOptions(const DriverOptions &Options);

/// Plans the migration from every translation unit's facts and prints,
/// diffs, applies or exports it. Returns the exit status.
int runMigration(const DriverOptions &Options,
                 std::vector<clang::tidy::corolint::MigrationUnit> Units,
                 SourceFiles &Sources, const std::string &Cwd);

} // namespace corolint

#endif // COROLINT_TOOL_MIGRATE_H
