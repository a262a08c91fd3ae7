// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
// winnow: the GUI. `winnow [PROJECT] [--theme light|dark] [--screenshot FILE.png]`.

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTimer>
#include <cstdio>

#include "mainwindow.h"
#include "settings.h"
#include "widgets/duplicates/duplicatesview.h"
#include "widgets/jobs/jobmanager.h"
#include "widgets/project/project.h"
#include "widgets/style/icons.h"
#include "widgets/style/theme.h"
#include "widgets/thumbnails/thumbnailprovider.h"

using namespace winnow;

namespace {

/// Screenshot mode (for docs): waits until jobs and thumbnail loading are done (at most `timeoutMs`),
/// grabs the window, saves it and quits.
void scheduleScreenshot(app::MainWindow* window, const QString& file, int timeoutMs) {
    auto* clock = new QElapsedTimer;
    clock->start();
    auto* poll = new QTimer(window);
    poll->setInterval(100);
    QObject::connect(poll, &QTimer::timeout, window, [=] {
        widgets::Project* project = window->project();
        const bool idle = window->jobs()->activeCount() == 0 && (!project || project->thumbnails()->isIdle());
        if (!(idle && clock->elapsed() > 800) && clock->elapsed() < timeoutMs) return;
        poll->stop();
        const bool ok = window->grab().save(file);
        std::fprintf(stderr, ok ? "winnow: wrote %s\n" : "winnow: cannot write %s\n", qPrintable(file));
        delete clock;
        QApplication::exit(ok ? 0 : 1);
    });
    poll->start();
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Winnow"));
    QApplication::setApplicationName(QStringLiteral("winnow"));
    QApplication::setApplicationDisplayName(QStringLiteral("Winnow"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    QApplication::setWindowIcon(widgets::icon(widgets::IconId::App));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Curate image datasets for generative models."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("Project to open (PROJECT.winnow)."),
                                 QStringLiteral("[project]"));
    const QCommandLineOption themeOption(QStringLiteral("theme"), QStringLiteral("Colour theme: light or dark."),
                                         QStringLiteral("theme"));
    const QCommandLineOption shotOption(
        QStringLiteral("screenshot"),
        QStringLiteral("Save a screenshot of the window to FILE once it has loaded, then quit "
                       "(also: environment variable WINNOW_SCREENSHOT)."),
        QStringLiteral("file"));
    const QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("Window size, WIDTHxHEIGHT."),
                                        QStringLiteral("size"));
    const QCommandLineOption tabOption(QStringLiteral("tab"), QStringLiteral("Tab to show: browser, duplicates (which starts a near-duplicate search) or map."),
                                       QStringLiteral("tab"));
    parser.addOptions({themeOption, shotOption, sizeOption, tabOption});
    parser.process(app);

    QString themeText = parser.isSet(themeOption) ? parser.value(themeOption) : app::settings::theme.value();
    const auto theme = widgets::parseTheme(themeText);
    if (!theme) {
        std::fprintf(stderr, "winnow: unknown theme '%s' (light or dark)\n", qPrintable(themeText));
        return 2;
    }
    widgets::applyTheme(*theme);

    app::MainWindow window;
    if (parser.isSet(sizeOption)) {
        const QStringList wh = parser.value(sizeOption).split(QLatin1Char('x'));
        if (wh.size() == 2) window.resize(wh[0].toInt(), wh[1].toInt());
    }
    window.show();
    const QStringList args = parser.positionalArguments();
    if (!args.isEmpty() && !window.openProject(args.front())) return 1;
    if (parser.value(tabOption) == QLatin1String("duplicates")) {
        window.showTab(1);
        if (window.project()) window.duplicates()->findNear();  // something to show
    } else if (parser.value(tabOption) == QLatin1String("map")) {
        window.showTab(2);  // the cached layout, if any, loads as the project opens
    }

    QString shot = parser.value(shotOption);
    if (shot.isEmpty()) shot = qEnvironmentVariable("WINNOW_SCREENSHOT");
    if (!shot.isEmpty()) scheduleScreenshot(&window, shot, 15000);
    return QApplication::exec();
}
