// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clirunner.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>

extern char** environ;

namespace winnow::test {

namespace {
std::vector<char*> argvOf(std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    return argv;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

pid_t spawn(std::vector<std::string> args, const std::string& outPath, const std::string& errPath) {
    args.insert(args.begin(), WINNOW_CLI);
    auto argv = argvOf(args);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, WINNOW_CLI, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " WINNOW_CLI);
    return pid;
}
}  // namespace

CliResult runCli(const std::vector<std::string>& args) {
    char outTemplate[] = "/tmp/winnow-cli-out-XXXXXX";
    char errTemplate[] = "/tmp/winnow-cli-err-XXXXXX";
    const int outFd = mkstemp(outTemplate);
    const int errFd = mkstemp(errTemplate);
    ::close(outFd);
    ::close(errFd);
    const pid_t pid = spawn(args, outTemplate, errTemplate);
    int status = 0;
    waitpid(pid, &status, 0);
    CliResult r;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = slurp(outTemplate);
    r.err = slurp(errTemplate);
    std::remove(outTemplate);
    std::remove(errTemplate);
    return r;
}

pid_t startCli(const std::vector<std::string>& args) { return spawn(args, "/dev/null", "/dev/null"); }

}  // namespace winnow::test
