//===--- Names.h - Template-agnostic qualified names ------------*- C++ -*-===//
//
// The catalog and the framework tables name APIs the way people write them
// ("asio::basic_stream_socket::read_some"), not the way Clang prints them
// (with template arguments and implementation namespaces such as
// std::__cxx11 or std::_V2). These helpers produce the former.
//
//===----------------------------------------------------------------------===//

#ifndef COROLINT_CHECKS_NAMES_H
#define COROLINT_CHECKS_NAMES_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"
#include <string>
#include <vector>

namespace clang::tidy::corolint {

/// The qualified name of \p D without template arguments, anonymous and
/// inline namespaces: "std::basic_ifstream", "asio::ip::basic_resolver".
std::string plainQualifiedName(const NamedDecl *D);

/// The class behind \p T after stripping references, pointers, cv and
/// sugar; for a specialization, the record of the specialization.
const CXXRecordDecl *recordOf(QualType T);

/// True if \p Record or one of its bases has the plain qualified name
/// \p Name.
bool isOrDerivesFrom(const CXXRecordDecl *Record, llvm::StringRef Name);

/// The source text of \p R as the user wrote it: a range inside a macro
/// expansion reads as the macro's invocation (so flag macros such as
/// O_NONBLOCK stay visible by name).
std::string writtenText(SourceRange R, const ASTContext &Ctx);

/// \p E seen through the implicit casts, parentheses, cleanups and
/// functional casts Sema wraps around an expression.
const Expr *stripWrappers(const Expr *E);

/// The variable or member an expression names: `fd`, `this->io_`, a copy
/// of one, or the object of a member call on one (`io.get_executor()`,
/// `sock.native_handle()`); null for anything else.
const ValueDecl *referencedDecl(const Expr *E);

/// The names of a semicolon-separated CheckOptions list, trimmed
/// ("base::Lock; base::AutoLock").
llvm::StringSet<> parseNameSet(llvm::StringRef Raw);

/// The names of a CheckOptions list as plain qualified names: trimmed,
/// without a leading "::" (which plainQualifiedName never writes).
std::vector<std::string> parsePlainQualifiedNames(llvm::StringRef Raw);

/// Whether \p Name can be a qualified name: "app::Task", "::app::Task".
bool isQualifiedName(llvm::StringRef Name);

/// The entries of the CheckOptions list \p Raw that cannot be qualified
/// names, trimmed: the values a check reports with configurationDiag, since
/// such a name would silently match nothing.
llvm::SmallVector<llvm::StringRef, 1>
invalidQualifiedNames(llvm::StringRef Raw);

/// If \p Name starts with "asio::", the same name under "boost::asio::";
/// Boost.Asio and standalone asio share one API.
std::string boostAsioSpelling(llvm::StringRef Name);

} // namespace clang::tidy::corolint

#endif
