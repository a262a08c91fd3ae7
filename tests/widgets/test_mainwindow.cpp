// SPDX-FileCopyrightText: 2026 The Winnow authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <QApplication>
#include <QDropEvent>
#include <QLabel>
#include <QMimeData>
#include <QUrl>
#include <filesystem>

#include "mainwindow.h"
#include "settings.h"
#include "testutil.h"
#include "widgets/browser/browserwidget.h"
#include "widgets/browser/samplemodel.h"
#include "widgets/jobs/jobmanager.h"
#include "widgets/project/project.h"

using namespace winnow;
using namespace winnow::widgets;
using namespace winnow::widgets::test;

TEST(MainWindow, CreatesOpensAndRemembersProjects) {
    TempDir dir;
    const QString first = QString::fromStdString(dir.file("first.winnow"));
    const QString second = QString::fromStdString(dir.file("second.winnow"));
    app::settings::recentProjects.reset();
    app::MainWindow window;
    EXPECT_EQ(window.project(), nullptr);
    ASSERT_TRUE(window.createProject(first, true));
    ASSERT_TRUE(window.createProject(second, true));
    EXPECT_FALSE(window.createProject(second, true)) << "an existing file is never overwritten";
    EXPECT_EQ(window.windowTitle(), QStringLiteral("second — Winnow"));
    EXPECT_EQ(app::recentProjects(), (QStringList{second, first}));
    window.closeProject();
    EXPECT_EQ(window.project(), nullptr);
    ASSERT_TRUE(window.openProject(first, true));
    EXPECT_EQ(app::recentProjects().front(), first);
    EXPECT_FALSE(window.openProject(QString::fromStdString(dir.file("missing.winnow")), true));
    EXPECT_EQ(window.project()->path(), first) << "a failed open keeps the project that was open";
}

TEST(MainWindow, DroppedFoldersAreImported) {
    TempDir dir;
    const auto folder = dir.path() / "drop";
    std::filesystem::create_directories(folder);
    for (int i = 0; i < 12; ++i)
        colourTile(i, 40, 30).save(QString::fromStdString((folder / ("t" + std::to_string(i) + ".png")).string()));
    app::MainWindow window;
    window.show();
    ASSERT_TRUE(window.createProject(QString::fromStdString(dir.file("drop.winnow")), true));
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(QString::fromStdString(folder.string()))});
    const QPoint centre = window.rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(centre), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    ASSERT_TRUE(waitFor([&] { return window.jobs()->model()->rowCount() > 0 && window.jobs()->activeCount() == 0; }, 30000));
    EXPECT_EQ(window.browser()->model()->totalCount(), 12);
    EXPECT_TRUE(window.countsLabel()->text().contains(QStringLiteral("12 samples")));
}

TEST(MainWindow, ThemesArePersisted) {
    app::MainWindow window;
    window.setTheme(Theme::Dark);
    EXPECT_EQ(app::settings::theme.value(), QStringLiteral("dark"));
    EXPECT_LT(QApplication::palette().color(QPalette::Window).lightness(), 100);
    window.setTheme(Theme::Light);
    EXPECT_EQ(app::settings::theme.value(), QStringLiteral("light"));
    EXPECT_GT(QApplication::palette().color(QPalette::Window).lightness(), 200);
}
