//===--- Progress.h - A progress bar for terminals --------------*- C++ -*-===//

#ifndef COROLINT_TOOL_PROGRESS_H
#define COROLINT_TOOL_PROGRESS_H

#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace corolint {

/// One line on standard error, redrawn as files finish and every half
/// second: `[=====>    ] 3/10 files, 2 findings, 00:05`. Erased when done,
/// so that only results remain on the terminal.
class ProgressBar {
public:
  ProgressBar(llvm::raw_ostream &OS, unsigned Total);
  ~ProgressBar();

  void fileDone(unsigned Findings);
  void finish();

private:
  void draw(); // Lock held.

  llvm::raw_ostream &OS;
  unsigned Total, Done = 0, Findings = 0;
  std::chrono::steady_clock::time_point Start;
  std::mutex Lock;
  std::condition_variable Wake;
  bool Finished = false;
  std::thread Ticker;
};

} // namespace corolint

#endif // COROLINT_TOOL_PROGRESS_H
