package dev.quarry.eval.generate;

import dev.quarry.eval.bank.BankQuestion;
import dev.quarry.eval.bank.QueryBank;

/** Predicts each question's first gold SQL: a sanity check of the harness (must score 100% EX). */
public final class GoldPredictor implements Predictor {

  private final String bankSha;

  /** @param bank the bank being scored */
  public GoldPredictor(QueryBank bank) {
    this.bankSha = bank.sha256();
  }

  @Override
  public String modelId() {
    return "gold";
  }

  @Override
  public Prediction predict(BankQuestion q) {
    return new Prediction(q.goldSql().get(0), 0.0, null);
  }

  /** SHA-256 of the bank (the source of gold predictions). */
  @Override
  public String sourceSha256() {
    return bankSha;
  }
}
