//===--- Progress.cpp - A progress bar for terminals ----------------------===//

#include "Progress.h"
#include <fmt/format.h>

namespace corolint {

ProgressBar::ProgressBar(llvm::raw_ostream &OS, unsigned Total)
    : OS(OS), Total(Total), Start(std::chrono::steady_clock::now()) {
  std::lock_guard<std::mutex> Guard(Lock);
  draw();
  Ticker = std::thread([this] {
    std::unique_lock<std::mutex> Guard(Lock);
    while (!Wake.wait_for(Guard, std::chrono::milliseconds(500),
                          [this] { return Finished; }))
      draw();
  });
}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::fileDone(unsigned NewFindings) {
  std::lock_guard<std::mutex> Guard(Lock);
  ++Done;
  Findings += NewFindings;
  draw();
}

void ProgressBar::finish() {
  {
    std::lock_guard<std::mutex> Guard(Lock);
    if (Finished)
      return;
    Finished = true;
  }
  Wake.notify_all();
  Ticker.join();
  OS << "\r\x1b[K";
  OS.flush();
}

void ProgressBar::draw() {
  constexpr unsigned Width = 24;
  unsigned Filled = Total ? Done * Width / Total : Width;
  std::string Bar(Filled, '=');
  if (Filled < Width)
    Bar += '>' + std::string(Width - Filled - 1, ' ');
  auto Seconds = std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::steady_clock::now() - Start)
                     .count();
  OS << fmt::format("\r\x1b[K[{}] {}/{} files, {} finding{}, {:02}:{:02}", Bar,
                    Done, Total, Findings, Findings == 1 ? "" : "s",
                    Seconds / 60, Seconds % 60);
  OS.flush();
}

} // namespace corolint
