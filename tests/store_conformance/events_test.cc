// The change-feed log: sequence numbers from 1 in commit order, scans after
// a number, rollback, and the filtering columns stored beside the payload.
#include <string>
#include <vector>

#include "tests/store_conformance/store_test.h"

namespace worksection::conformance {
namespace {

using ::worksection::testing::IsOk;

using EventsTest = StoreTest;
WS_INSTANTIATE_STORE_TEST(EventsTest);

StoredEvent MakeEvent(int64_t entity_id, std::string payload) {
  StoredEvent e;
  e.entity_type = 4;
  e.entity_id = entity_id;
  e.project = ProjectId(7);
  e.hidden_from_clients = entity_id % 2 == 0;
  e.payload = std::move(payload);
  return e;
}

std::vector<int64_t> Seqs(const std::vector<StoredEvent>& events) {
  std::vector<int64_t> seqs;
  for (const StoredEvent& e : events) seqs.push_back(e.seq);
  return seqs;
}

TEST_P(EventsTest, AppendNumbersFromOneAndScanReturnsInOrder) {
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    // Bytes that are not UTF-8, with a NUL: the payload is opaque.
    const std::string binary("\xff\x00\x80z", 4);
    EXPECT_THAT(tx->AppendEvent(MakeEvent(1, binary)), IsOkAndHolds(1));
    EXPECT_THAT(tx->AppendEvent(MakeEvent(2, "b")), IsOkAndHolds(2));
    // A transaction reads its own appends.
    WS_ASSERT_OK_AND_ASSIGN(auto own, tx->ScanEvents(0, 10));
    EXPECT_EQ(Seqs(own), (std::vector<int64_t>{1, 2}));
    ASSERT_THAT(tx->Commit(), IsOk());
  }
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    EXPECT_THAT(tx->AppendEvent(MakeEvent(3, "c")), IsOkAndHolds(3));
    ASSERT_THAT(tx->Commit(), IsOk());
  }
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(auto all, tx->ScanEvents(0, 100));
  ASSERT_EQ(Seqs(all), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(all[0].payload, std::string("\xff\x00\x80z", 4));
  EXPECT_EQ(all[0].entity_type, 4);
  EXPECT_EQ(all[0].entity_id, 1);
  EXPECT_EQ(all[0].project, ProjectId(7));
  EXPECT_FALSE(all[0].hidden_from_clients);
  EXPECT_TRUE(all[1].hidden_from_clients);
  WS_ASSERT_OK_AND_ASSIGN(auto page, tx->ScanEvents(1, 1));
  EXPECT_EQ(Seqs(page), (std::vector<int64_t>{2}));
  WS_ASSERT_OK_AND_ASSIGN(auto tail, tx->ScanEvents(3, 10));
  EXPECT_TRUE(tail.empty());
}

TEST_P(EventsTest, RolledBackAppendsVanishAndTheirNumbersAreReused) {
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_THAT(tx->AppendEvent(MakeEvent(1, "a")), IsOkAndHolds(1));
    ASSERT_THAT(tx->Commit(), IsOk());
  }
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_THAT(tx->AppendEvent(MakeEvent(2, "lost")), IsOkAndHolds(2));
    ASSERT_THAT(tx->AppendEvent(MakeEvent(3, "lost")), IsOkAndHolds(3));
    WS_ASSERT_OK_AND_ASSIGN(auto own, tx->ScanEvents(0, 10));
    EXPECT_EQ(Seqs(own), (std::vector<int64_t>{1, 2, 3}));
    ASSERT_THAT(tx->AppendEvent(MakeEvent(5, "lost")), IsOkAndHolds(4));
    // Destroyed without Commit.
  }
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    EXPECT_THAT(tx->AppendEvent(MakeEvent(4, "kept")), IsOkAndHolds(2));
    ASSERT_THAT(tx->Commit(), IsOk());
  }
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(auto all, tx->ScanEvents(0, 100));
  ASSERT_EQ(Seqs(all), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(all[1].payload, "kept");
}

// More events in one transaction than one statement writes (the SQL stores
// write them many rows a statement): every one stored whole, in order, seen
// by the transaction's own scans before it commits.
TEST_P(EventsTest, ThousandsOfAppendsInOneTransaction) {
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_THAT(tx->AppendEvent(MakeEvent(0, "first")), IsOkAndHolds(1));
    ASSERT_THAT(tx->Commit(), IsOk());
  }
  constexpr int kEvents = 1300;
  {
    WS_ASSERT_OK_AND_ASSIGN(auto tx, Write());
    for (int i = 1; i <= 700; ++i) {
      ASSERT_THAT(tx->AppendEvent(MakeEvent(i, std::string(i % 37, 'x'))),
                  IsOkAndHolds(1 + i));
    }
    WS_ASSERT_OK_AND_ASSIGN(auto own, tx->ScanEvents(695, 100));
    EXPECT_EQ(Seqs(own), (std::vector<int64_t>{696, 697, 698, 699, 700, 701}));
    for (int i = 701; i <= kEvents; ++i) {
      ASSERT_THAT(tx->AppendEvent(MakeEvent(i, std::string(i % 37, 'x'))),
                  IsOkAndHolds(1 + i));
    }
    ASSERT_THAT(tx->Commit(), IsOk());
  }
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  WS_ASSERT_OK_AND_ASSIGN(auto all, tx->ScanEvents(0, 5000));
  ASSERT_EQ(all.size(), static_cast<size_t>(kEvents + 1));
  for (int i = 1; i <= kEvents; ++i) {
    const StoredEvent& e = all[static_cast<size_t>(i)];
    EXPECT_EQ(e.seq, 1 + i);
    EXPECT_EQ(e.entity_id, i);
    EXPECT_EQ(e.payload, std::string(i % 37, 'x'));
    EXPECT_EQ(e.hidden_from_clients, i % 2 == 0);
    EXPECT_EQ(e.project, ProjectId(7));
  }
}

TEST_P(EventsTest, ReadTransactionCannotAppend) {
  WS_ASSERT_OK_AND_ASSIGN(auto tx, Read());
  EXPECT_FALSE(tx->AppendEvent(MakeEvent(1, "a")).ok());
}

}  // namespace
}  // namespace worksection::conformance
