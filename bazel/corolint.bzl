"""corolint_aspect: corolint on every cc_library, cc_binary and cc_test.

Each C++ source of a target is analysed by its own action, with the target's
compile command as the C++ toolchain builds it (toolchain flags, copts,
include paths, defines), and writes a SARIF log; one more action per target
merges those into `<target>.corolint.sarif`. Every input of an action is
declared (the source, the headers it may include, the toolchain's files,
corolint and its configuration), so the actions run sandboxed, remotely and
from the disk or remote cache like compile actions.

    bazel build //... \\
      --aspects=@corolint//bazel:corolint.bzl%corolint_aspect \\
      --output_groups=corolint

Findings do not fail the build: they are in the SARIF logs (a file that does
not compile does). See docs/ci.md.
"""

load("@bazel_tools//tools/build_defs/cc:action_names.bzl", "ACTION_NAMES")
load("@bazel_tools//tools/cpp:toolchain_utils.bzl", "find_cpp_toolchain")

_CorolintArgsInfo = provider(
    doc = "Extra corolint arguments (--extra_args build setting).",
    fields = {"args": "list of strings"},
)

_SOURCE_EXTENSIONS = ["c", "cc", "cpp", "cxx", "c++", "C"]

_RULE_KINDS = ["cc_library", "cc_binary", "cc_test"]

# corolint exits 1 when it has findings: for the action that is success, the
# findings are in its SARIF log. 2 (an error) fails the action.
_RUN_COROLINT = '"$@"; status=$?; [ "$status" -le 1 ] || exit "$status"'

def _compile_flags(ctx, target, cc_toolchain, feature_configuration):
    compilation_context = target[CcInfo].compilation_context
    rule_copts = getattr(ctx.rule.attr, "copts", [])
    variables = cc_common.create_compile_variables(
        feature_configuration = feature_configuration,
        cc_toolchain = cc_toolchain,
        user_compile_flags = ctx.fragments.cpp.copts +
                             ctx.fragments.cpp.cxxopts + rule_copts,
        include_directories = compilation_context.includes,
        quote_include_directories = compilation_context.quote_includes,
        system_include_directories = compilation_context.system_includes,
        preprocessor_defines = depset(
            transitive = [compilation_context.defines] + (
                [compilation_context.local_defines] if hasattr(compilation_context, "local_defines") else []
            ),
        ),
    )
    return cc_common.get_memory_inefficient_command_line(
        feature_configuration = feature_configuration,
        action_name = ACTION_NAMES.cpp_compile,
        variables = variables,
    )

def _output_path(target, src, suffix):
    # One directory per target; external sources keep their repository.
    return "%s.corolint/%s%s" % (
        target.label.name,
        src.short_path.replace("../", "external/"),
        suffix,
    )

def _corolint_aspect_impl(target, ctx):
    if CcInfo not in target or ctx.rule.kind not in _RULE_KINDS:
        return []
    srcs = []
    for src in getattr(ctx.rule.attr, "srcs", []):
        srcs += [f for f in src.files.to_list() if f.extension in _SOURCE_EXTENSIONS]
    if not srcs:
        return []

    cc_toolchain = find_cpp_toolchain(ctx)
    feature_configuration = cc_common.configure_features(
        ctx = ctx,
        cc_toolchain = cc_toolchain,
        requested_features = ctx.features,
        unsupported_features = ctx.disabled_features,
    )
    flags = _compile_flags(ctx, target, cc_toolchain, feature_configuration)
    compiler = cc_common.get_tool_for_action(
        feature_configuration = feature_configuration,
        action_name = ACTION_NAMES.cpp_compile,
    )
    corolint = ctx.attr._corolint[DefaultInfo].files_to_run
    config_file = ctx.file._config
    inputs = depset(
        [config_file],
        transitive = [
            target[CcInfo].compilation_context.headers,
            cc_toolchain.all_files,
        ],
    )

    logs = []
    for src in srcs:
        log = ctx.actions.declare_file(_output_path(target, src, ".sarif"))
        args = ctx.actions.args()
        args.add(corolint.executable)
        args.add(src)
        args.add("--config-file=" + config_file.path)
        args.add("--format=sarif")
        args.add("--sarif-root=.")
        args.add("--output=" + log.path)
        args.add("--quiet")
        args.add_all(ctx.attr._extra_args[_CorolintArgsInfo].args)
        args.add("--")
        args.add(compiler)
        args.add_all(flags)
        args.add_all(["-c", src.path])
        ctx.actions.run_shell(
            command = _RUN_COROLINT,
            arguments = [args],
            inputs = depset([src], transitive = [inputs]),
            tools = [corolint],
            outputs = [log],
            mnemonic = "Corolint",
            # PATH for the default corolint_from_path (--action_env=PATH=...).
            use_default_shell_env = True,
            progress_message = "corolint %s" % src.short_path,
        )
        logs.append(log)

    merged = ctx.actions.declare_file(target.label.name + ".corolint.sarif")
    merge_args = ctx.actions.args()
    merge_args.add("merge")
    merge_args.add("-o", merged)
    merge_args.add_all(logs)
    ctx.actions.run(
        executable = corolint,
        arguments = [merge_args],
        inputs = logs,
        outputs = [merged],
        mnemonic = "CorolintMerge",
        use_default_shell_env = True,
        progress_message = "corolint merge %s" % target.label,
    )
    return [OutputGroupInfo(
        corolint = depset([merged]),
        corolint_per_file = depset(logs),
    )]

def _corolint_args_impl(ctx):
    return [_CorolintArgsInfo(args = [a for a in ctx.build_setting_value if a])]

corolint_args = rule(
    implementation = _corolint_args_impl,
    build_setting = config.string_list(flag = True),
    doc = "corolint arguments added to every analysis, e.g. --checks=...",
)

corolint_aspect = aspect(
    implementation = _corolint_aspect_impl,
    fragments = ["cpp"],
    attrs = {
        "_cc_toolchain": attr.label(
            default = Label("@bazel_tools//tools/cpp:current_cc_toolchain"),
        ),
        "_corolint": attr.label(
            default = Label("//bazel:corolint_executable"),
            cfg = "exec",
            executable = True,
        ),
        "_config": attr.label(
            default = Label("//bazel:config"),
            allow_single_file = True,
        ),
        "_extra_args": attr.label(default = Label("//bazel:extra_args")),
    },
)
