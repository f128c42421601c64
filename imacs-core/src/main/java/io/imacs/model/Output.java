package io.imacs.model;

/** Which classifier output the attribution explains: the softmax probability (paper) or the raw logit. */
public enum Output { PROBABILITY, LOGIT }
