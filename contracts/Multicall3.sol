// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Multicall3-compatible batcher for the devnet.
/// @notice Public chains have Multicall3 at 0xcA11bde05977b3631167028862bE2a173976CA11; anvil has
///         nothing there. The x402 facilitator batches its diagnostics of failed payments
///         (balance, nonce state, token name and version) through `tryAggregate`, and viem's
///         `multicall` uses `aggregate3`, so the devnet installs this contract's runtime code at the
///         canonical address with `anvil_setCode`. Same ABI as Multicall3 for the calls it offers.
contract Multicall3 {
    struct Call {
        address target;
        bytes callData;
    }

    struct Call3 {
        address target;
        bool allowFailure;
        bytes callData;
    }

    struct Result {
        bool success;
        bytes returnData;
    }

    function tryAggregate(bool requireSuccess, Call[] calldata calls)
        public
        payable
        returns (Result[] memory returnData)
    {
        returnData = new Result[](calls.length);
        for (uint256 i = 0; i < calls.length; i++) {
            (bool success, bytes memory data) = calls[i].target.call(calls[i].callData);
            if (requireSuccess) require(success, "Multicall3: call failed");
            returnData[i] = Result(success, data);
        }
    }

    function aggregate3(Call3[] calldata calls) public payable returns (Result[] memory returnData) {
        returnData = new Result[](calls.length);
        for (uint256 i = 0; i < calls.length; i++) {
            (bool success, bytes memory data) = calls[i].target.call(calls[i].callData);
            require(success || calls[i].allowFailure, "Multicall3: call failed");
            returnData[i] = Result(success, data);
        }
    }

    function getBlockNumber() public view returns (uint256) {
        return block.number;
    }

    function getCurrentBlockTimestamp() public view returns (uint256) {
        return block.timestamp;
    }

    function getEthBalance(address account) public view returns (uint256) {
        return account.balance;
    }
}
