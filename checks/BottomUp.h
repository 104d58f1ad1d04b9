//===--- BottomUp.h - Strongly connected components, callees first -*- C++
//-*-===//
//
// Function summaries must not depend on the order functions are asked
// about. A summary computed while one of its callees is still being
// computed (recursion, or a cycle through several functions) is provisional;
// memoising it as final is how a depth limit or a cycle guard turns into a
// false negative for every later caller. Solving the call graph's strongly
// connected components callees first, and iterating each component to its
// fixed point, makes the result independent of the order: the same
// algorithm serves one translation unit (CallSummaries) and the merged
// graph of the whole project (the project index).
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_BOTTOMUP_H
#define COROLINT_CHECKS_BOTTOMUP_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <algorithm>

namespace clang::tidy::corolint {

/// Calls \p OnComponent for each strongly connected component of the graph
/// reachable from \p Root, each component after every component it reaches
/// (Tarjan's algorithm, written iteratively: call chains in real projects
/// are deeper than a recursion on a thread's stack may go).
///
/// \p Successors(Node) returns the nodes a node reaches, as a range;
/// \p IsSolved(Node) says a node was solved by an earlier run and is not
/// visited again (its component is final).
template <typename NodeT, typename SuccessorsFn, typename SolvedFn,
          typename ComponentFn>
void forEachComponentBottomUp(NodeT Root, SuccessorsFn Successors,
                              SolvedFn IsSolved, ComponentFn OnComponent) {
  if (IsSolved(Root))
    return;
  struct Frame {
    NodeT Node;
    llvm::SmallVector<NodeT, 8> Next;
    size_t NextIndex = 0;
  };
  llvm::DenseMap<NodeT, unsigned> Order; // Discovery order.
  llvm::DenseMap<NodeT, unsigned> Low;
  llvm::SmallVector<NodeT, 16> Stack; // Nodes of unfinished components.
  llvm::DenseMap<NodeT, bool> OnStack;
  llvm::SmallVector<Frame, 16> Frames;

  auto Discover = [&](NodeT Node) {
    unsigned Index = Order.size();
    Order[Node] = Index;
    Low[Node] = Index;
    Stack.push_back(Node);
    OnStack[Node] = true;
    Frame F{Node, {}, 0};
    for (NodeT Next : Successors(Node))
      F.Next.push_back(Next);
    Frames.push_back(std::move(F));
  };
  Discover(Root);
  while (!Frames.empty()) {
    Frame &Top = Frames.back();
    if (Top.NextIndex < Top.Next.size()) {
      NodeT Next = Top.Next[Top.NextIndex++];
      if (IsSolved(Next))
        continue;
      if (!Order.count(Next)) {
        Discover(Next); // Invalidates Top.
        continue;
      }
      if (OnStack.lookup(Next))
        Low[Top.Node] = std::min(Low[Top.Node], Order[Next]);
      continue;
    }
    NodeT Node = Top.Node;
    Frames.pop_back();
    if (!Frames.empty())
      Low[Frames.back().Node] = std::min(Low[Frames.back().Node], Low[Node]);
    if (Low[Node] != Order[Node])
      continue;
    // Node is the first node of its component: everything above it on the
    // stack belongs to the component.
    llvm::SmallVector<NodeT, 4> Component;
    NodeT Member;
    do {
      Member = Stack.pop_back_val();
      OnStack[Member] = false;
      Component.push_back(Member);
    } while (Member != Node);
    // Discovery order, for a deterministic fixed-point iteration.
    std::reverse(Component.begin(), Component.end());
    OnComponent(llvm::ArrayRef<NodeT>(Component));
  }
}

/// Iterates \p Update over the members of one component until no member's
/// summary changes. \p Update(Node) recomputes a node's summary from its
/// successors' current ones and returns whether it changed; summaries must
/// only grow (a finite lattice), which bounds the iterations.
template <typename NodeT, typename UpdateFn>
void solveComponent(llvm::ArrayRef<NodeT> Component, UpdateFn Update) {
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (NodeT Node : Component)
      Changed |= Update(Node);
  }
}

} // namespace clang::tidy::corolint

#endif
